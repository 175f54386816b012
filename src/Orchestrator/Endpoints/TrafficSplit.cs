using System.Collections.Immutable;
using System.Globalization;

namespace Orchestrator.Endpoints;

/// <summary>
/// An endpoint's live traffic and mirrored traffic, by deployment. Zero entries are stripped and names compare
/// case-insensitively (Azure ML lower-cases them), so two splits that route the same way are equal.
/// </summary>
public sealed class TrafficSplit : IEquatable<TrafficSplit>
{
    private TrafficSplit(ImmutableSortedDictionary<string, int> live, ImmutableSortedDictionary<string, int> mirror)
    {
        Live = live;
        Mirror = mirror;
    }

    /// <summary>No live and no mirrored traffic.</summary>
    public static TrafficSplit Empty { get; } = Create(new Dictionary<string, int>(), new Dictionary<string, int>());

    /// <summary>Live percent by deployment (no zero entries).</summary>
    public ImmutableSortedDictionary<string, int> Live { get; }

    /// <summary>Mirrored percent by deployment (no zero entries).</summary>
    public ImmutableSortedDictionary<string, int> Mirror { get; }

    /// <summary>Builds a split; zero entries are dropped. Negative values are kept so the rules can refuse them.</summary>
    public static TrafficSplit Create(IEnumerable<KeyValuePair<string, int>> live, IEnumerable<KeyValuePair<string, int>>? mirror = null) =>
        new(Normalize(live), Normalize(mirror ?? []));

    /// <summary>All live traffic to one deployment, nothing mirrored.</summary>
    public static TrafficSplit AllTo(string deployment) => Create([new(deployment, 100)]);

    /// <summary>The live percent of a deployment (0 when absent).</summary>
    public int LiveOf(string deployment) => Live.GetValueOrDefault(deployment);

    /// <summary>The mirrored percent of a deployment (0 when absent).</summary>
    public int MirrorOf(string deployment) => Mirror.GetValueOrDefault(deployment);

    /// <summary>The sum of live percents.</summary>
    public int LiveTotal => Live.Values.Sum();

    /// <inheritdoc />
    public bool Equals(TrafficSplit? other) =>
        other is not null && SameEntries(Live, other.Live) && SameEntries(Mirror, other.Mirror);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TrafficSplit);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, percent) in Live)
        {
            hash.Add(name, StringComparer.OrdinalIgnoreCase);
            hash.Add(percent);
        }

        foreach (var (name, percent) in Mirror)
        {
            hash.Add(name, StringComparer.OrdinalIgnoreCase);
            hash.Add(-percent);
        }

        return hash.ToHashCode();
    }

    /// <summary>Reads like <c>blue=90 green=10 | mirror green=10</c>.</summary>
    public override string ToString()
    {
        var live = Live.Count == 0 ? "no live traffic" : string.Join(' ', Live.Select(Format));
        return Mirror.Count == 0 ? live : $"{live} | mirror {string.Join(' ', Mirror.Select(Format))}";

        static string Format(KeyValuePair<string, int> entry) => string.Create(CultureInfo.InvariantCulture, $"{entry.Key}={entry.Value}");
    }

    // Keys compare with the dictionaries' own case-insensitive comparer (a plain SequenceEqual would not).
    private static bool SameEntries(ImmutableSortedDictionary<string, int> a, ImmutableSortedDictionary<string, int> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var percent) && percent == entry.Value);

    private static ImmutableSortedDictionary<string, int> Normalize(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, percent) in entries)
        {
            if (percent != 0)
            {
                builder[name] = builder.GetValueOrDefault(name) + percent;
            }
        }

        return builder.ToImmutable();
    }
}
