using Policies.Gates;

namespace Orchestrator.Cli.Tests;

/// <summary>The plain cause of a rollback on a local endpoint nobody scored on, from the deciding round's verdicts.</summary>
public sealed class NoTrafficHintTests
{
    private static readonly Uri Scoring = new("http://127.0.0.1:41234/score");

    [Fact]
    public void For_MinTrafficFailedAndTheRestInconclusive_NamesTheMissingTrafficAndTheAddress()
    {
        var hint = NoTrafficHint.For([Verdict("p99-absolute", GateMetric.LatencyP99Ms, GateVerdict.Inconclusive), Verdict("min-traffic", GateMetric.RequestRate, GateVerdict.Fail)], Scoring);

        Assert.Equal("no traffic reached the endpoint: pass --traffic or send requests to http://127.0.0.1:41234/score", hint);
    }

    [Fact]
    public void For_AllInconclusive_NamesTheMissingTraffic()
    {
        var hint = NoTrafficHint.For([Verdict("p99-absolute", GateMetric.LatencyP99Ms, GateVerdict.Inconclusive), Verdict("5xx", GateMetric.ErrorRate5xx, GateVerdict.Inconclusive)], Scoring);

        Assert.NotNull(hint);
    }

    [Fact]
    public void For_ALatencyGateFailed_IsNull()
    {
        var hint = NoTrafficHint.For([Verdict("p99-absolute", GateMetric.LatencyP99Ms, GateVerdict.Fail), Verdict("min-traffic", GateMetric.RequestRate, GateVerdict.Fail)], Scoring);

        Assert.Null(hint);
    }

    [Fact]
    public void For_SourceUnavailable_IsNull()
    {
        var hint = NoTrafficHint.For([Verdict("min-traffic", GateMetric.RequestRate, GateVerdict.SourceUnavailable)], Scoring);

        Assert.Null(hint);
    }

    [Fact]
    public void For_AllPassedOrNoVerdicts_IsNull()
    {
        Assert.Null(NoTrafficHint.For([Verdict("min-traffic", GateMetric.RequestRate, GateVerdict.Pass)], Scoring));
        Assert.Null(NoTrafficHint.For([], Scoring));
    }

    private static GateEvaluation Verdict(string gate, GateMetric metric, GateVerdict verdict) =>
        new(gate, metric, verdict, null, null, null, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30), "reason");
}
