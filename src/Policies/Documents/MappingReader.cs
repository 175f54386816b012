namespace Policies.Documents;

/// <summary>
/// Reads the fields of one mapping strictly: every field the caller asks for is known, and <see cref="Finish"/>
/// reports every other field as unknown (never silently dropped), with a suggestion when only spelling differs.
/// </summary>
public sealed class MappingReader
{
    private readonly DocumentNode.Mapping _mapping;
    private readonly List<string> _known = [];

    private MappingReader(DocumentNode.Mapping mapping, DocumentErrors errors)
    {
        _mapping = mapping;
        Errors = errors;
    }

    /// <summary>The mapping's path.</summary>
    public string Path => _mapping.Path;

    /// <summary>Where problems go.</summary>
    public DocumentErrors Errors { get; }

    /// <summary>
    /// Opens a mapping; a null value (<c>deploy:</c> with nothing after it) reads as an empty mapping.
    /// Returns null, with an error, for a list or a value.
    /// </summary>
    public static MappingReader? Open(DocumentNode node, DocumentErrors errors)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(errors);
        switch (node)
        {
            case DocumentNode.Mapping mapping:
                return new(mapping, errors);
            case DocumentNode.Scalar { IsNull: true }:
                return new(new DocumentNode.Mapping(node.Path, []), errors);
            default:
                errors.Add(node.Path, $"expected a mapping, got {node.Description}");
                return null;
        }
    }

    /// <summary>The path of one of this mapping's fields: where its value was written (merged documents keep each value's origin).</summary>
    public string PathOf(string key) => _mapping[key]?.Path ?? DocumentPath.Field(Path, key);

    /// <summary>Marks <paramref name="key"/> as known and returns its value; null when absent or null.</summary>
    public DocumentNode? Take(string key, bool required = false)
    {
        _known.Add(key);
        var node = _mapping[key];
        if (node is DocumentNode.Scalar { IsNull: true })
        {
            node = null;
        }

        if (node is null && required)
        {
            Errors.Add(PathOf(key), "is required");
        }

        return node;
    }

    /// <summary>True when the field is present with a non-null value (does not mark it known).</summary>
    public bool Has(string key) => _mapping[key] is { } node && node is not DocumentNode.Scalar { IsNull: true };

    /// <summary>A text field.</summary>
    public string? Text(string key, bool required = false) => Read(key, required, NodeValues.AsString);

    /// <summary>A whole-number field.</summary>
    public int? WholeNumber(string key, bool required = false) => Read(key, required, (n, e) => NodeValues.AsInt(n, e));

    /// <summary>A whole-number field within <see cref="long"/>.</summary>
    public long? LongWholeNumber(string key, bool required = false) => Read(key, required, (n, e) => NodeValues.AsLong(n, e));

    /// <summary>A number field.</summary>
    public double? Number(string key, bool required = false) => Read(key, required, (n, e) => NodeValues.AsNumber(n, e));

    /// <summary>A boolean field.</summary>
    public bool? Flag(string key, bool required = false) => Read(key, required, (n, e) => NodeValues.AsBool(n, e));

    /// <summary>A duration field (<c>30s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>, <c>1h30m</c>).</summary>
    public TimeSpan? Duration(string key, bool required = false) => Read(key, required, (n, e) => NodeValues.AsDuration(n, e));

    /// <summary>A nested mapping field.</summary>
    public MappingReader? Mapping(string key, bool required = false) =>
        Take(key, required) is { } node ? Open(node, Errors) : null;

    /// <summary>A list field.</summary>
    public IReadOnlyList<DocumentNode>? Sequence(string key, bool required = false)
    {
        var node = Take(key, required);
        if (node is null or DocumentNode.Sequence)
        {
            return (node as DocumentNode.Sequence)?.Items;
        }

        Errors.Add(node.Path, $"expected a list, got {node.Description}");
        return null;
    }

    /// <summary>Reports every field that no read asked for.</summary>
    public void Finish()
    {
        foreach (var (key, node) in _mapping.Entries)
        {
            if (_known.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            var near = _known.Distinct(StringComparer.Ordinal).FirstOrDefault(k => Normalize(k) == Normalize(key));
            var expected = string.Join(", ", _known.Distinct(StringComparer.Ordinal));
            Errors.Add(node.Path, near is not null
                ? $"unknown field; did you mean '{near}'?"
                : _known.Count == 0 ? "unknown field; this mapping takes no fields" : $"unknown field; expected one of: {expected}");
        }
    }

    // instance_count, instanceCount and Instance-Count are the same word to a reader; suggest the right spelling.
    private static string Normalize(string key) =>
        new(key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private T? Read<T>(string key, bool required, Func<DocumentNode, DocumentErrors, T?> convert)
    {
        var node = Take(key, required);
        return node is null ? default : convert(node, Errors);
    }
}
