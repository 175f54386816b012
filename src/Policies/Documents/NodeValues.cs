using System.Globalization;

namespace Policies.Documents;

/// <summary>
/// Typed reads of a single node. Each returns null and records an error naming the node's path when the node
/// is not of the asked type; a quoted value is text, never a number or a boolean.
/// </summary>
public static class NodeValues
{
    /// <summary>Any non-null scalar, as written.</summary>
    public static string? AsString(DocumentNode node, DocumentErrors errors) =>
        Scalar(node, "a text value", errors)?.Value;

    /// <summary>A whole number within <see cref="int"/>.</summary>
    public static int? AsInt(DocumentNode node, DocumentErrors errors) =>
        AsLong(node, errors) is { } value && Fits(node, value, int.MinValue, int.MaxValue, errors) ? (int)value : null;

    /// <summary>A whole number within <see cref="long"/>.</summary>
    public static long? AsLong(DocumentNode node, DocumentErrors errors)
    {
        var scalar = Scalar(node, "a whole number", errors);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsQuoted && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(node.Path, $"expected a whole number, got {scalar.Description}");
        return null;
    }

    /// <summary>A finite number.</summary>
    public static double? AsNumber(DocumentNode node, DocumentErrors errors)
    {
        var scalar = Scalar(node, "a number", errors);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsQuoted
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(node.Path, $"expected a number, got {scalar.Description}");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (YAML 1.2 spellings; not yes/no/on/off).</summary>
    public static bool? AsBool(DocumentNode node, DocumentErrors errors)
    {
        var scalar = Scalar(node, "true or false", errors);
        switch (scalar)
        {
            case null:
                return null;
            case { IsQuoted: false, Value: "true" or "True" or "TRUE" }:
                return true;
            case { IsQuoted: false, Value: "false" or "False" or "FALSE" }:
                return false;
            default:
                errors.Add(node.Path, $"expected true or false, got {scalar.Description}");
                return null;
        }
    }

    /// <summary>A duration such as <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>, <c>1h30m</c>.</summary>
    public static TimeSpan? AsDuration(DocumentNode node, DocumentErrors errors)
    {
        var scalar = Scalar(node, "a duration", errors);
        if (scalar is null)
        {
            return null;
        }

        if (DurationText.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        errors.Add(node.Path, $"'{scalar.Value}' is not a duration: {DurationText.Hint}");
        return null;
    }

    private static DocumentNode.Scalar? Scalar(DocumentNode node, string expected, DocumentErrors errors)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(errors);
        if (node is DocumentNode.Scalar { IsNull: false } scalar)
        {
            return scalar;
        }

        errors.Add(node.Path, $"expected {expected}, got {node.Description}");
        return null;
    }

    private static bool Fits(DocumentNode node, long value, long min, long max, DocumentErrors errors)
    {
        if (value >= min && value <= max)
        {
            return true;
        }

        errors.Add(node.Path, $"{value} is out of range");
        return false;
    }
}
