using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Policies.Documents;

/// <summary>
/// Reads YAML or JSON text into a <see cref="DocumentNode"/> tree. JSON is read by System.Text.Json (so a JSON
/// document means exactly what JSON says); anything else by YamlDotNet. Syntax errors become document errors.
/// </summary>
public static partial class DocumentParser
{
    // Aliases can expand a small document into a huge tree ("billion laughs"); plans and policies are small.
    private const int MaxNodes = 100_000;

    /// <summary>Parses <paramref name="text"/>; returns null (and adds errors) when it cannot be read.</summary>
    /// <param name="text">YAML or JSON.</param>
    /// <param name="rootPath">The path of the root node, e.g. <c>overrides</c>; empty for a document of its own.</param>
    /// <param name="errors">Where syntax errors go.</param>
    public static DocumentNode? Parse(string text, string rootPath, DocumentErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(rootPath, "the document is empty");
            return null;
        }

        if (LooksLikeJson(text))
        {
            var json = ParseJson(text, rootPath, out var jsonError);
            if (jsonError is not null)
            {
                errors.Add(rootPath, jsonError);
            }

            return json;
        }

        return ParseYaml(text, rootPath, errors);
    }

    // '{"' or '{}' starts a JSON document; '{a: 1}' is a YAML flow mapping, which YAML reads.
    private static bool LooksLikeJson(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.Length > 1 && start[0] == '{' && start[1..].TrimStart() is [ '"' or '}', ..];
    }

    private static DocumentNode? ParseYaml(string text, string rootPath, DocumentErrors errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(rootPath, $"line {ex.Start.Line}, column {ex.Start.Column}: {YamlMessage(ex)}");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed input, without a position.
            errors.Add(rootPath, $"not valid YAML ({ex.Message})");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            errors.Add(rootPath, stream.Documents.Count == 0 ? "the document is empty" : $"expected one document, found {stream.Documents.Count}");
            return null;
        }

        var budget = new NodeBudget();
        var root = FromYaml(stream.Documents[0].RootNode, rootPath, errors, budget);
        return budget.Exceeded ? null : root;
    }

    private static DocumentNode? FromYaml(YamlNode node, string path, DocumentErrors errors, NodeBudget budget)
    {
        if (!budget.Take(path, errors))
        {
            return null;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
                    || scalar.Tag is { IsEmpty: false, IsNonSpecific: false, Value: "tag:yaml.org,2002:str" };
                return new DocumentNode.Scalar(path, scalar.Value ?? string.Empty, quoted);
            case YamlSequenceNode sequence:
                var items = new List<DocumentNode>();
                foreach (var item in sequence.Children)
                {
                    var child = FromYaml(item, DocumentPath.Item(path, items.Count), errors, budget);
                    if (child is null)
                    {
                        return null;
                    }

                    items.Add(child);
                }

                return new DocumentNode.Sequence(path, items);
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<string, DocumentNode>>();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        errors.Add(path, $"line {key.Start.Line}: field names must be plain text");
                        continue;
                    }

                    var child = FromYaml(value, DocumentPath.Field(path, name), errors, budget);
                    if (child is null)
                    {
                        return null;
                    }

                    entries.Add(new(name, child));
                }

                return new DocumentNode.Mapping(path, entries);
            default:
                errors.Add(path, $"line {node.Start.Line}: unsupported YAML node");
                return null;
        }
    }

    private static DocumentNode? ParseJson(string text, string rootPath, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            var errors = new DocumentErrors();
            var root = FromJson(document.RootElement, rootPath, errors);
            if (errors.Count > 0)
            {
                error = errors.All[0].Message;
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            error = $"line {(ex.LineNumber ?? 0) + 1}: {JsonMessage().Replace(ex.Message, string.Empty)}";
            return null;
        }
    }

    private static DocumentNode FromJson(JsonElement element, string path, DocumentErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, DocumentNode>>();
                foreach (var property in element.EnumerateObject())
                {
                    if (entries.Exists(e => e.Key == property.Name))
                    {
                        errors.Add(path, $"field '{property.Name}' appears twice");
                    }

                    entries.Add(new(property.Name, FromJson(property.Value, DocumentPath.Field(path, property.Name), errors)));
                }

                return new DocumentNode.Mapping(path, entries);
            case JsonValueKind.Array:
                var items = new List<DocumentNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromJson(item, DocumentPath.Item(path, items.Count), errors));
                }

                return new DocumentNode.Sequence(path, items);
            case JsonValueKind.String:
                return new DocumentNode.Scalar(path, element.GetString()!, isQuoted: true);
            case JsonValueKind.Null:
                return new DocumentNode.Scalar(path, "null", isQuoted: false);
            default:
                // Numbers and booleans keep their JSON text, which the typed readers accept.
                return new DocumentNode.Scalar(path, element.GetRawText(), isQuoted: false);
        }
    }

    private static string YamlMessage(YamlException ex)
    {
        var message = YamlPosition().Replace(ex.Message, string.Empty);
        return ex.InnerException is { } inner && message.Length == 0 ? inner.Message : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlPosition();

    [GeneratedRegex(@"\s*(Path: \S+ \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonMessage();

    private sealed class NodeBudget
    {
        private int _left = MaxNodes;

        public bool Exceeded { get; private set; }

        public bool Take(string path, DocumentErrors errors)
        {
            if (--_left >= 0)
            {
                return true;
            }

            if (!Exceeded)
            {
                errors.Add(path, $"the document expands to more than {MaxNodes} values (check its aliases)");
                Exceeded = true;
            }

            return false;
        }
    }
}
