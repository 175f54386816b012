using System.Text.RegularExpressions;
using Policies.Documents;
using Policies.Gates;

namespace Policies.Loading;

/// <summary>Reads a (merged) policy document into a <see cref="GatePolicy"/>, recording every problem.</summary>
internal static partial class PolicyReader
{
    public const string GatesKey = "gates";
    public const string NameKey = "name";

    public static readonly string[] ThresholdKeys = ["max", "min", RatioKey, "maxPointsOverBaseline"];

    /// <summary>The ratio threshold, the only kind a noise floor applies to.</summary>
    public const string RatioKey = "maxRatioOfBaseline";

    /// <summary>The noise floor of a ratio gate, in the metric's unit.</summary>
    public const string MinDifferenceKey = "minDifference";

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultMaxBlind = TimeSpan.FromMinutes(5);
    private const int DefaultFailureLimit = 2;
    private const int DefaultInconclusiveLimit = 3;

    public static GatePolicy? Read(DocumentNode node, string name, DocumentErrors errors)
    {
        var map = MappingReader.Open(node, errors);
        if (map is null)
        {
            return null;
        }

        var interval = map.Duration("interval") ?? DefaultInterval;
        if (interval < MinInterval)
        {
            errors.Add(map.PathOf("interval"), $"{DurationText.Format(interval)} is below the 1s minimum");
        }

        var failureLimit = AtLeastOne(map, "failureLimit") ?? DefaultFailureLimit;
        var inconclusiveLimit = AtLeastOne(map, "inconclusiveLimit") ?? DefaultInconclusiveLimit;
        var maxBlind = map.Duration("maxBlind") ?? DefaultMaxBlind;
        if (maxBlind < interval)
        {
            errors.Add(map.PathOf("maxBlind"), $"{DurationText.Format(maxBlind)} is shorter than the interval {DurationText.Format(interval)}: the rollout would go blind before its first check");
        }

        map.Text("description"); // documentation for readers of the file; not part of the model
        var gateNodes = map.Sequence(GatesKey, required: true);
        map.Finish();

        if (gateNodes is { Count: 0 })
        {
            errors.Add(map.PathOf(GatesKey), "is empty: a policy needs at least one gate");
        }

        var gates = new List<Gate>();
        foreach (var gateNode in gateNodes ?? [])
        {
            if (ReadGate(gateNode, errors) is { } gate)
            {
                if (gates.Exists(g => string.Equals(g.Name, gate.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add(DocumentPath.Field(gateNode.Path, NameKey), $"gate '{gate.Name}' is defined twice");
                }

                gates.Add(gate);
            }
        }

        return new GatePolicy(name, interval, gates, failureLimit, inconclusiveLimit, maxBlind);
    }

    private static Gate? ReadGate(DocumentNode node, DocumentErrors errors)
    {
        var map = MappingReader.Open(node, errors);
        if (map is null)
        {
            return null;
        }

        var before = errors.Count;
        var name = map.Text(NameKey, required: true);
        if (name is not null && !GateName().IsMatch(name))
        {
            errors.Add(map.PathOf(NameKey), $"'{name}' is not a gate name: use letters, digits, '-', '_' and '.'");
        }

        var metric = ReadMetric(map);
        var thresholds = ThresholdKeys.Where(map.Has).ToList();
        var values = ThresholdKeys.Select(key => (Key: key, Value: map.Number(key))).Where(t => t.Value is not null).ToList();
        var minDifference = map.Number(MinDifferenceKey);
        var window = map.Duration("window", required: true);
        if (window is { } w && w < MinInterval)
        {
            errors.Add(map.PathOf("window"), $"{DurationText.Format(w)} is below the 1s minimum");
        }

        var minSamples = map.LongWholeNumber("minSamples", required: true);
        if (minSamples is < 1)
        {
            errors.Add(map.PathOf("minSamples"), $"{minSamples} is below 1: a gate must see at least one request to pass");
        }

        map.Finish();
        if (thresholds.Count == 0)
        {
            errors.Add(map.Path, $"needs a threshold: one of {string.Join(", ", ThresholdKeys)}");
        }
        else if (thresholds.Count > 1)
        {
            errors.Add(map.Path, $"has {thresholds.Count} thresholds ({string.Join(", ", thresholds)}); give exactly one");
        }

        var threshold = values.Count == 1 ? ReadThreshold(map, values[0].Key, values[0].Value!.Value, metric, errors) : null;
        if (minDifference is { } floor && CheckFloor(map, values.Count == 1 ? values[0] : null, floor, metric))
        {
            threshold = threshold is null ? null : threshold with { MinDifference = floor };
        }

        return errors.Count > before || name is null || metric is null || threshold is null || window is null || minSamples is null
            ? null
            : new Gate(name, metric.Value, threshold, window.Value, minSamples.Value);
    }

    private static GateMetric? ReadMetric(MappingReader map)
    {
        var metricName = map.Text("metric", required: true);
        if (metricName is null)
        {
            return null;
        }

        if (GateMetricNames.TryParse(metricName, out var metric))
        {
            return metric;
        }

        map.Errors.Add(map.PathOf("metric"), $"unknown metric '{metricName}'; expected one of: {string.Join(", ", GateMetricNames.All)}");
        return null;
    }

    private static GateThreshold? ReadThreshold(MappingReader map, string key, double value, GateMetric? metric, DocumentErrors errors)
    {
        var kind = key switch
        {
            "max" => ThresholdKind.AtMost,
            "min" => ThresholdKind.AtLeast,
            RatioKey => ThresholdKind.RatioOfBaseline,
            _ => ThresholdKind.PointsOverBaseline,
        };
        var problem = kind switch
        {
            ThresholdKind.RatioOfBaseline when value <= 0 => "must be above 0 (1.2 means 20% worse than the baseline)",
            _ when value < 0 => "must not be negative",
            ThresholdKind.AtMost or ThresholdKind.PointsOverBaseline when metric is { } m && GateMetricNames.IsPercent(m) && value > 100
                => "is above 100, but error rates are percents (0..100)",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(map.PathOf(key), $"{Text(value)} {problem}");
            return null;
        }

        return new GateThreshold(kind, value);
    }

    /// <summary>
    /// True when the noise floor is legal: on a ratio of at least 1 only. An absolute bound does not compare with the
    /// baseline, a points bound is a difference already, and a ratio below 1 asks the candidate to beat the baseline,
    /// which a floor over the baseline would undo. <paramref name="threshold"/> is null when the gate has no single one.
    /// </summary>
    private static bool CheckFloor(MappingReader map, (string Key, double? Value)? threshold, double floor, GateMetric? metric)
    {
        var problem = threshold switch
        {
            _ when floor < 0 => "must not be negative",
            { Key: "max" or "min" } => "applies to maxRatioOfBaseline only: an absolute bound (max, min) does not compare with the baseline",
            { Key: not RatioKey } => "adds nothing to maxPointsOverBaseline, which is a difference over the baseline already: raise maxPointsOverBaseline instead",
            { Value: < 1 and > 0 } when floor > 0 => $"needs maxRatioOfBaseline of at least 1: {Text(threshold.Value.Value!.Value)} asks the candidate to beat the baseline, and a floor over the baseline would let it lose",
            _ when metric is { } m && GateMetricNames.IsPercent(m) && floor > 100 => "is above 100, but error rates are percents (0..100)",
            _ => null,
        };
        if (problem is not null)
        {
            map.Errors.Add(map.PathOf(MinDifferenceKey), $"{Text(floor)} {problem}");
        }

        return problem is null;
    }

    private static string Text(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int? AtLeastOne(MappingReader map, string key)
    {
        var value = map.WholeNumber(key);
        if (value is < 1)
        {
            map.Errors.Add(map.PathOf(key), $"{value} is below 1");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex GateName();
}
