using System.Text.Json;
using System.Text.Json.Serialization;
using Policies.Gates;
using Policies.Loading;

namespace Policies.Documents.Tests;

public class NamedEnumConverterTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new NamedEnumConverter() } };
    private static readonly JsonSerializerOptions StringEnumOptions = new() { Converters = { new JsonStringEnumConverter() } };

    public enum Kind
    {
        [JsonStringEnumMemberName("local")]
        Local,

        [JsonStringEnumMemberName("azureml")]
        AzureMl,
    }

    public enum Phase
    {
        Pending,
        RolledBack,
    }

    [Theory]
    [InlineData(GateMetric.LatencyP99Ms, "\"latency_p99_ms\"")]
    [InlineData(GateMetric.ErrorRate5xx, "\"error_rate_5xx\"")]
    [InlineData(GateMetric.RequestRate, "\"request_rate\"")]
    public void Serialize_GateMetric_WritesThePolicyName(GateMetric metric, string expected)
    {
        Assert.Equal(expected, JsonSerializer.Serialize(metric, Options));
        Assert.Equal(expected, JsonSerializer.Serialize(metric));
    }

    [Fact]
    public void Serialize_GateMetricUnderAJsonStringEnumConverter_StillWritesThePolicyName()
    {
        Assert.Equal("\"latency_p95_ms\"", JsonSerializer.Serialize(GateMetric.LatencyP95Ms, StringEnumOptions));
    }

    [Theory]
    [InlineData("\"latency_p99_ms\"")]
    [InlineData("\"LatencyP99Ms\"")]
    [InlineData("\"latencyp99ms\"")]
    public void Deserialize_PolicyOrStoredMemberName_ReadsTheMetric(string json)
    {
        Assert.Equal(GateMetric.LatencyP99Ms, JsonSerializer.Deserialize<GateMetric>(json, Options));
        Assert.Equal(GateMetric.LatencyP99Ms, JsonSerializer.Deserialize<GateMetric>(json));
    }

    [Theory]
    [InlineData("\"p99\"")]
    [InlineData("\"2\"")]
    [InlineData("2")]
    public void Deserialize_NotAName_ThrowsListingTheNames(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GateMetric>(json, Options));

        Assert.Contains(string.Join(", ", GateMetricNames.All), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_DeclaredAndPlainNames_WriteDeclaredOrMemberName()
    {
        var value = new Holder(Kind.AzureMl, Phase.RolledBack, null, new Dictionary<Kind, int> { [Kind.Local] = 1 });

        var json = JsonSerializer.Serialize(value, Options);

        Assert.Equal("""{"kind":"azureml","phase":"RolledBack","maybe":null,"counts":{"local":1}}""", json);
        Assert.Equal(value.Kind, JsonSerializer.Deserialize<Holder>(json, Options)!.Kind);
    }

    [Fact]
    public void Deserialize_MemberNamesStoredBeforeNamesWereDeclared_Read()
    {
        var holder = JsonSerializer.Deserialize<Holder>("""{"kind":"AzureMl","phase":"rolledback","maybe":"Local","counts":{"Local":2}}""", Options)!;

        Assert.Equal((Kind.AzureMl, Phase.RolledBack, (Kind?)Kind.Local, 2), (holder.Kind, holder.Phase, holder.Maybe, holder.Counts[Kind.Local]));
    }

    [Fact]
    public void GateMetricNames_AreTheDeclaredJsonNames()
    {
        Assert.Equal(["latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "error_rate_5xx", "error_rate_4xx", "request_rate"], GateMetricNames.All);
        Assert.All(Enum.GetValues<GateMetric>(), m => Assert.Equal(m.ToPolicyName(), NamedEnumConverter.NameOf(m)));
    }

    public sealed record Holder(Kind Kind, Phase Phase, Kind? Maybe, Dictionary<Kind, int> Counts);
}
