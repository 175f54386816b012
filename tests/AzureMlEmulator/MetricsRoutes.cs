using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;

namespace AzureMlEmulator;

/// <summary>
/// <c>GET {endpoint}/providers/Microsoft.Insights/metrics</c> (contract §4.3), computed from the recorded scoring
/// requests with the <c>deployment</c>, <c>statusCode</c>, <c>statusCodeClass</c> and <c>modelStatusCode</c>
/// dimensions. A grain without requests is a bare <c>{"timeStamp"}</c>, as the real service answers.
/// </summary>
internal static class MetricsRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(EndpointRoutes.Workspace + "/onlineEndpoints/{ep}/providers/Microsoft.Insights/metrics", Query);

    private static IResult Query(HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state)
    {
        if (state.Knobs.MetricsFailure is { } failure)
        {
            return ArmError.Result(503, "ServiceUnavailable", failure);
        }

        var query = context.Request.Query;
        var problems = new List<string>();
        var metrics = new List<MetricDefinition>();
        foreach (var name in query["metricnames"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MetricDefinition.Find(name) is { } metric)
            {
                metrics.Add(metric);
            }
            else
            {
                problems.Add($"Failed to find metric configuration for provider: Microsoft.MachineLearningServices, resource Type: workspaces/onlineEndpoints, metric: {name}, Valid metrics: {string.Join(",", MetricDefinition.All.Select(m => m.Name))}");
            }
        }

        var ns = query["metricnamespace"].ToString();
        if (ns.Length > 0 && !string.Equals(ns, MetricDefinition.Namespace, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"The metric namespace '{ns}' is not valid for this resource.");
        }

        var now = state.Clock.GetUtcNow();
        var (start, end) = ParseTimespan(query["timespan"].ToString(), now, problems);
        var grain = ParseInterval(query["interval"].ToString(), end - start, problems);
        var filter = MetricFilter.Parse(query["$filter"].ToString(), out var filterError);
        if (filterError is not null)
        {
            problems.Add(filterError);
        }

        var validate = !string.Equals(query["ValidateDimensions"].ToString(), "false", StringComparison.OrdinalIgnoreCase);
        foreach (var (dimension, _) in filter.Clauses.Where(c => validate && !metrics.Any(m => m.Dimensions.Contains(c.Dimension, StringComparer.OrdinalIgnoreCase))))
        {
            problems.Add($"Dimension '{dimension}' is not valid for the requested metrics.");
        }

        if (metrics.Count == 0 && problems.Count == 0)
        {
            problems.Add("The metricnames parameter is required.");
        }

        if (problems.Count > 0)
        {
            return ArmError.Result(400, "BadRequest", string.Join(" ", problems));
        }

        var aggregations = (query["aggregation"].ToString() is { Length: > 0 } a ? a : "average").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            var records = state.Scoring().Where(r => string.Equals(r.Endpoint, endpoint.Name, StringComparison.OrdinalIgnoreCase) && r.At >= start && r.At < end).ToList();
            var value = new JsonArray([.. metrics.Select(m => (JsonNode)Metric(endpoint, m, records, filter, start, end, grain, aggregations))]);
            return ArmError.Json(200, new JsonObject
            {
                ["cost"] = 0,
                ["timespan"] = $"{Iso(start)}/{Iso(end)}",
                ["interval"] = XmlConvert.ToString(grain),
                ["value"] = value,
#pragma warning disable CA1308 // The service answers the namespace lower-cased (contract §4.3).
                ["namespace"] = MetricDefinition.Namespace.ToLowerInvariant(),
#pragma warning restore CA1308
                ["resourceregion"] = state.Options.Location,
            });
        });
    }

    private static JsonObject Metric(EndpointRecord endpoint, MetricDefinition metric, List<ScoringRecord> records, MetricFilter filter, DateTimeOffset start, DateTimeOffset end, TimeSpan grain, string[] aggregations)
    {
        var clauses = filter.Clauses.Where(c => metric.Dimensions.Contains(c.Dimension, StringComparer.OrdinalIgnoreCase)).ToList();
        var kept = records.Where(r => clauses.All(c => c.Values.Contains("*") || c.Values.Contains(MetricDefinition.DimensionValue(r, c.Dimension), StringComparer.OrdinalIgnoreCase))).ToList();
        var groups = clauses.Count == 0
            ? [new KeyValuePair<string[], List<ScoringRecord>>([], kept)]
            : kept.GroupBy(r => string.Join('\u0001', clauses.Select(c => MetricDefinition.DimensionValue(r, c.Dimension))))
                .Select(g => new KeyValuePair<string[], List<ScoringRecord>>(g.Key.Split('\u0001'), [.. g]))
                .ToList();

        var series = new JsonArray();
        foreach (var (values, members) in groups)
        {
            var metadata = new JsonArray();
            for (var i = 0; i < clauses.Count; i++)
            {
#pragma warning disable CA1308 // Dimension names come back lower-cased (contract §4.3).
                var name = clauses[i].Dimension.ToLowerInvariant();
#pragma warning restore CA1308
                metadata.Add(new JsonObject { ["name"] = new JsonObject { ["value"] = name, ["localizedValue"] = name }, ["value"] = values[i] });
            }

            series.Add(new JsonObject { ["metadatavalues"] = metadata, ["data"] = Points(metric, members, start, end, grain, aggregations) });
        }

        return new JsonObject
        {
            ["id"] = $"{endpoint.Id}/providers/Microsoft.Insights/metrics/{metric.Name}",
            ["type"] = "Microsoft.Insights/metrics",
            ["name"] = new JsonObject { ["value"] = metric.Name, ["localizedValue"] = metric.DisplayName },
            ["displayDescription"] = metric.Description,
            ["unit"] = metric.Unit,
            ["timeseries"] = series,
            ["errorCode"] = "Success",
        };
    }

    private static JsonArray Points(MetricDefinition metric, List<ScoringRecord> records, DateTimeOffset start, DateTimeOffset end, TimeSpan grain, string[] aggregations)
    {
        var points = new JsonArray();
        for (var bucket = start; bucket < end; bucket += grain)
        {
            var point = new JsonObject { ["timeStamp"] = Iso(bucket) };
            var inBucket = records.Where(r => r.At >= bucket && r.At < bucket + grain).ToList();
            if (inBucket.Count > 0 && metric.Value(inBucket, grain) is { } value)
            {
                foreach (var aggregation in aggregations)
                {
#pragma warning disable CA1308 // Aggregation names are lower-case JSON properties.
                    var key = aggregation.ToLowerInvariant();
#pragma warning restore CA1308
                    point[key] = key switch
                    {
                        "count" => inBucket.Count,
                        "total" when metric.Name == "RequestsPerMinute" => inBucket.Count,
                        _ => value,
                    };
                }
            }

            points.Add(point);
        }

        return points;
    }

    private static (DateTimeOffset Start, DateTimeOffset End) ParseTimespan(string timespan, DateTimeOffset now, List<string> problems)
    {
        if (timespan.Length == 0)
        {
            return (Floor(now.AddHours(-1)), now);
        }

        var parts = timespan.Split('/');
        if (parts.Length == 2
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
            && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to)
            && to > from)
        {
            return (Floor(from), to);
        }

        problems.Add($"The timespan '{timespan}' is not a valid ISO 8601 interval start/end.");
        return (now, now);
    }

    private static TimeSpan ParseInterval(string interval, TimeSpan span, List<string> problems)
    {
        if (interval.Length == 0)
        {
            return TimeSpan.FromMinutes(1);
        }

        if (string.Equals(interval, "FULL", StringComparison.OrdinalIgnoreCase))
        {
            return span > TimeSpan.Zero ? span : TimeSpan.FromMinutes(1);
        }

        try
        {
            var grain = XmlConvert.ToTimeSpan(interval);
            if (grain >= TimeSpan.FromMinutes(1))
            {
                return grain;
            }
        }
        catch (FormatException)
        {
        }

        problems.Add($"The interval '{interval}' is not a supported time grain.");
        return TimeSpan.FromMinutes(1);
    }

    private static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
