using System.Globalization;
using System.Text;
using System.Text.Json;
using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>
/// A plan field that holds JSON (a smoke test's expected output) may be written as JSON text
/// (<c>"[0.5, 0.5]"</c>) or as the same tree in YAML (<c>[0.5, 0.5]</c>); either way the plan stores JSON text.
/// </summary>
internal static class JsonText
{
    public static string? FromNode(DocumentNode node, DocumentErrors errors)
    {
        if (node is DocumentNode.Scalar { IsNull: false } scalar)
        {
            try
            {
                using var _ = JsonDocument.Parse(scalar.Value);
                return scalar.Value;
            }
            catch (JsonException ex)
            {
                errors.Add(node.Path, $"is not JSON ({ex.Message}); write it as JSON text or as a YAML list/mapping");
                return null;
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, DocumentNode node)
    {
        switch (node)
        {
            case DocumentNode.Mapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case DocumentNode.Sequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case DocumentNode.Scalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case DocumentNode.Scalar { IsQuoted: false, Value: "true" or "false" } flag:
                writer.WriteBooleanValue(flag.Value == "true");
                break;
            case DocumentNode.Scalar { IsQuoted: false } plain when double.TryParse(plain.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case DocumentNode.Scalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
