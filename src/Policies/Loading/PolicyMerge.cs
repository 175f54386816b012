using Policies.Documents;

namespace Policies.Loading;

/// <summary>
/// Merges overrides over a policy document: scalars replace, gates are matched by name and their fields merged,
/// a new name adds a gate. Merged nodes keep their own paths, so errors point at the line the user wrote.
/// </summary>
internal static class PolicyMerge
{
    public static DocumentNode? Merge(DocumentNode policy, DocumentNode overrides, DocumentErrors errors)
    {
        if (policy is not DocumentNode.Mapping basis)
        {
            errors.Add(policy.Path, $"expected a mapping, got {policy.Description}");
            return null;
        }

        if (overrides is DocumentNode.Scalar { IsNull: true })
        {
            return policy;
        }

        if (overrides is not DocumentNode.Mapping changes)
        {
            errors.Add(overrides.Path, $"expected a mapping of the same shape as a policy, got {overrides.Description}");
            return null;
        }

        var entries = basis.Entries.ToList();
        foreach (var (key, value) in changes.Entries)
        {
            var index = entries.FindIndex(e => e.Key == key);
            var merged = key == PolicyReader.GatesKey && index >= 0 && entries[index].Value is DocumentNode.Sequence baseGates && value is DocumentNode.Sequence changedGates
                ? MergeGates(baseGates, changedGates, errors)
                : value;
            Put(entries, key, merged);
        }

        return new DocumentNode.Mapping(basis.Path, entries);
    }

    private static DocumentNode.Sequence MergeGates(DocumentNode.Sequence basis, DocumentNode.Sequence changes, DocumentErrors errors)
    {
        var gates = basis.Items.ToList();
        foreach (var change in changes.Items)
        {
            if (change is not DocumentNode.Mapping changedGate)
            {
                gates.Add(change); // the reader reports it with its own path
                continue;
            }

            if (changedGate[PolicyReader.NameKey] is not DocumentNode.Scalar { IsNull: false } name)
            {
                errors.Add(DocumentPath.Field(change.Path, PolicyReader.NameKey), "is required: overrides match gates by name (a new name adds a gate)");
                continue;
            }

            var index = gates.FindIndex(g => g is DocumentNode.Mapping m && m[PolicyReader.NameKey] is DocumentNode.Scalar s && s.Value == name.Value);
            if (index < 0)
            {
                gates.Add(changedGate);
            }
            else
            {
                gates[index] = MergeGate((DocumentNode.Mapping)gates[index], changedGate);
            }
        }

        return new DocumentNode.Sequence(basis.Path, gates);
    }

    private static DocumentNode.Mapping MergeGate(DocumentNode.Mapping basis, DocumentNode.Mapping change)
    {
        // The threshold keys are one setting written four ways: a new threshold replaces the old one, whatever its kind.
        // The noise floor belongs to the ratio: a new ratio keeps it (overriding 1.2 with 1.5 keeps the 5 ms floor),
        // another kind drops it, unless the override writes its own.
        var newThreshold = change.Entries.Where(e => PolicyReader.ThresholdKeys.Contains(e.Key)).Select(e => e.Key).FirstOrDefault();
        var dropsFloor = newThreshold is not null and not PolicyReader.RatioKey && change[PolicyReader.MinDifferenceKey] is null;
        var entries = basis.Entries
            .Where(e => !(newThreshold is not null && PolicyReader.ThresholdKeys.Contains(e.Key)))
            .Where(e => !(dropsFloor && e.Key == PolicyReader.MinDifferenceKey))
            .ToList();
        foreach (var (key, value) in change.Entries)
        {
            Put(entries, key, value);
        }

        return new DocumentNode.Mapping(basis.Path, entries);
    }

    private static void Put(List<KeyValuePair<string, DocumentNode>> entries, string key, DocumentNode value)
    {
        var index = entries.FindIndex(e => e.Key == key);
        if (index >= 0)
        {
            entries[index] = new(key, value);
        }
        else
        {
            entries.Add(new(key, value));
        }
    }
}
