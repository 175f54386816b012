using System.Text.RegularExpressions;
using Policies.Documents;
using Policies.Gates;
using Policies.Loading;

namespace Orchestrator.Plans;

/// <summary>
/// Reads <c>gates</c>: a named policy from the policies folder (with overrides), or an inline policy. The result
/// is embedded in the plan, so later edits to <c>policies/</c> do not change a running rollout.
/// </summary>
internal static partial class GatesReader
{
    public const string Key = "gates";

    public static GatePolicy? Read(MappingReader? map, PlanReadContext context)
    {
        if (map is null)
        {
            return LoadNamed(PlanDefaults.PolicyName, DocumentPath.Field(Key, "policy"), overrides: null, context);
        }

        var name = map.Text("policy");
        var overrides = map.Take("overrides");
        var inline = map.Take("inline");
        map.Finish();
        if (inline is null)
        {
            return LoadNamed(name ?? PlanDefaults.PolicyName, map.PathOf("policy"), overrides, context);
        }

        if (name is not null)
        {
            context.Errors.Add(map.Path, "give either policy (with optional overrides) or inline, not both");
        }

        if (overrides is not null)
        {
            context.Errors.Add(map.PathOf("overrides"), "overrides apply to a named policy; write the values into the inline policy instead");
        }

        return Report(GatePolicyLoader.Load(inline, "inline"), context);
    }

    private static GatePolicy? LoadNamed(string name, string path, DocumentNode? overrides, PlanReadContext context)
    {
        if (!PolicyName().IsMatch(name))
        {
            context.Errors.Add(path, $"'{name}' is not a policy name: letters, digits, '-' and '_' (the file policies/<name>.yaml)");
            return null;
        }

        var directory = context.Options.PoliciesDirectory;
        var file = Path.Combine(directory, $"{name}.yaml");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            context.Errors.Add(path, $"unknown policy '{name}'; available: {Available(directory)}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Errors.Add(path, $"cannot read {file}: {ex.Message}");
            return null;
        }

        // The policy file's own fields read as gates.policy(default).gates[1].window, next to the plan's fields.
        var node = DocumentParser.Parse(text, $"{path}({name})", context.Errors);
        return node is null ? null : Report(GatePolicyLoader.Load(node, name, overrides), context);
    }

    private static GatePolicy? Report(PolicyLoadResult result, PlanReadContext context)
    {
        foreach (var error in result.Errors)
        {
            context.Errors.Add(error.Path, error.Message);
        }

        return result.Policy;
    }

    private static string Available(string directory)
    {
        var names = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()
            : [];
        return names.Count == 0 ? $"none (no policies in {directory})" : string.Join(", ", names);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex PolicyName();
}
