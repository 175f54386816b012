using System.Text.RegularExpressions;

namespace AzureMlEmulator;

/// <summary>
/// The metrics API's <c>$filter</c> (contract §4.3): clauses joined by <c>and</c>, each a dimension compared with
/// <c>eq</c> to one or more values joined by <c>or</c>; <c>'*'</c> splits by that dimension. Any dimension named in
/// the filter comes back in each series' <c>metadatavalues</c>, lower-cased.
/// </summary>
internal sealed partial class MetricFilter
{
    private MetricFilter(IReadOnlyList<(string Dimension, IReadOnlyList<string> Values)> clauses)
    {
        Clauses = clauses;
    }

    public IReadOnlyList<(string Dimension, IReadOnlyList<string> Values)> Clauses { get; }

    public static MetricFilter Parse(string? filter, out string? error)
    {
        error = null;
        var clauses = new List<(string, IReadOnlyList<string>)>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return new MetricFilter(clauses);
        }

        foreach (var clause in And().Split(filter.Trim()))
        {
            string? dimension = null;
            var values = new List<string>();
            foreach (var term in Or().Split(clause.Trim().Trim('(', ')').Trim()))
            {
                var match = Equality().Match(term.Trim().Trim('(', ')'));
                if (!match.Success)
                {
                    error = $"The $filter term '{term.Trim()}' is not of the form name eq 'value'.";
                    return new MetricFilter([]);
                }

                var name = match.Groups["name"].Value;
                if (dimension is not null && !string.Equals(dimension, name, StringComparison.OrdinalIgnoreCase))
                {
                    error = $"The $filter may not join different dimensions ('{dimension}', '{name}') with 'or'.";
                    return new MetricFilter([]);
                }

                dimension = name;
                values.Add(match.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal));
            }

            clauses.Add((dimension!, values));
        }

        return new MetricFilter(clauses);
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"\s+or\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Or();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+eq\s+'(?<value>(?:[^']|'')*)'$", RegexOptions.IgnoreCase)]
    private static partial Regex Equality();
}
