using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Policies.Documents;

/// <summary>
/// Durations as people write them in plans and policies: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>,
/// <c>1h30m</c> (units largest first, each at most once, whole numbers). Nothing else is a duration.
/// </summary>
public static partial class DurationText
{
    /// <summary>The hint shown when a value is not a duration.</summary>
    public const string Hint = "write e.g. 30s, 10m, 1h, 500ms or 1h30m";

    /// <summary>Reads a duration; false for anything outside the grammar or beyond <see cref="TimeSpan.MaxValue"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = text is null ? Match.Empty : Grammar().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        // Each part has at most 9 digits, so the sum stays far inside a long.
        long milliseconds = (Part(match, "h") * 3_600_000) + (Part(match, "m") * 60_000) + (Part(match, "s") * 1_000) + Part(match, "ms");
        if (milliseconds > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Writes a duration in the same grammar, e.g. <c>1h30m</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        Append(builder, (long)value.TotalHours, "h");
        Append(builder, value.Minutes, "m");
        Append(builder, value.Seconds, "s");
        Append(builder, value.Milliseconds, "ms");
        return builder.Length == 0 ? "0s" : builder.ToString();

        static void Append(StringBuilder builder, long amount, string unit)
        {
            if (amount > 0)
            {
                builder.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    private static long Part(Match match, string unit) =>
        match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,9})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,9})s)?(?:(?<ms>\d{1,9})ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
