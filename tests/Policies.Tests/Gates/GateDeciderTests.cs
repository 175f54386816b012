using Policies.Gates;

namespace Policies.Gates.Tests;

public class GateDeciderTests
{
    private static readonly DateTimeOffset StepStart = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly GatePolicy Policy = new(
        "test",
        TimeSpan.FromSeconds(30),
        [],
        FailureLimit: 2,
        InconclusiveLimit: 3,
        MaxBlind: TimeSpan.FromMinutes(5));

    /// <summary>One round per minute from minute 1: P pass, F fail, I inconclusive, U unavailable.</summary>
    private static List<GateRound> History(string verdicts) =>
        [.. verdicts.Select((v, i) => Round(StepStart.AddMinutes(i + 1), Verdict(v)))];

    private static GateVerdict Verdict(char letter) => letter switch
    {
        'P' => GateVerdict.Pass,
        'F' => GateVerdict.Fail,
        'I' => GateVerdict.Inconclusive,
        'U' => GateVerdict.SourceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(letter)),
    };

    private static GateRound Round(DateTimeOffset at, params GateVerdict[] verdicts) =>
        new(at, [.. verdicts.Select((v, i) => Evaluation($"gate{i}", v, at))]);

    private static GateEvaluation Evaluation(string gate, GateVerdict verdict, DateTimeOffset at) =>
        new(gate, GateMetric.LatencyP99Ms, verdict, 250, 200, 240, 500, at.AddMinutes(-5), at, $"{gate} says {verdict}");

    public static TheoryData<string, double, GateAction, bool> Histories => new()
    {
        // history (one round per minute from minute 1), now in minutes after step start, action, alert
        { "", 1, GateAction.Hold, false },
        { "", 5, GateAction.Hold, false },
        { "", 5.5, GateAction.RollBack, false },
        { "P", 1.2, GateAction.Continue, false },
        { "F", 1.2, GateAction.Hold, false },
        { "FF", 2.2, GateAction.RollBack, false },
        { "PF", 2.2, GateAction.Hold, false },
        { "FPF", 3.2, GateAction.Hold, false },
        { "FFP", 3.2, GateAction.Continue, false },
        // Inconclusive rounds between failures neither count nor reset the streak.
        { "FIF", 3.2, GateAction.RollBack, false },
        { "FUUF", 4.2, GateAction.RollBack, false },
        { "FI", 2.2, GateAction.Hold, false },
        { "I", 1.2, GateAction.Hold, false },
        { "II", 2.2, GateAction.Hold, false },
        { "III", 3.2, GateAction.Hold, true },
        { "IUI", 3.2, GateAction.Hold, true },
        { "PIII", 4.2, GateAction.Hold, true },
        { "IIPII", 5.2, GateAction.Hold, false },
        { "IIIP", 4.2, GateAction.Continue, false },
        { "U", 1.2, GateAction.Hold, false },
        // Blind: no conclusive round since max(step start, last conclusive) for longer than 5 minutes.
        { "IIIII", 5.2, GateAction.RollBack, false },
        { "IIIII", 4.9, GateAction.Hold, true },
        { "PIIII", 5.9, GateAction.Hold, true },
        { "PIIIIII", 7.2, GateAction.RollBack, false },
        // Checks that stopped coming are blind time too, however well the last one went.
        { "P", 6.1, GateAction.RollBack, false },
        { "P", 5.9, GateAction.Continue, false },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Decide_History_GivesExpectedAction(string history, double nowMinutes, GateAction action, bool alert)
    {
        var decision = GateDecider.Decide(Policy, History(history), StepStart, StepStart.AddMinutes(nowMinutes));

        Assert.True(action == decision.Action, $"'{history}' at {nowMinutes} min: expected {action}, got {decision.Action} ({decision.Reason})");
        Assert.True(alert == decision.Alert, $"'{history}' at {nowMinutes} min: expected alert {alert} ({decision.Reason})");
    }

    public static TheoryData<GateVerdict[], GateVerdict> Rounds => new()
    {
        { [GateVerdict.Pass, GateVerdict.Pass], GateVerdict.Pass },
        { [GateVerdict.Pass, GateVerdict.Fail], GateVerdict.Fail },
        { [GateVerdict.Fail, GateVerdict.SourceUnavailable], GateVerdict.Fail },
        { [GateVerdict.Inconclusive, GateVerdict.Fail], GateVerdict.Fail },
        { [GateVerdict.Pass, GateVerdict.Inconclusive], GateVerdict.Inconclusive },
        { [GateVerdict.Inconclusive, GateVerdict.SourceUnavailable], GateVerdict.SourceUnavailable },
        { [GateVerdict.Pass, GateVerdict.SourceUnavailable], GateVerdict.SourceUnavailable },
        { [], GateVerdict.Inconclusive },
    };

    [Theory]
    [MemberData(nameof(Rounds))]
    public void VerdictOf_GateVerdicts_FailDominatesThenMissingData(GateVerdict[] gates, GateVerdict expected)
    {
        Assert.Equal(expected, GateDecider.VerdictOf(Round(StepStart, gates)));
    }

    [Fact]
    public void Decide_EmptyRoundsOnly_NeverContinues()
    {
        var rounds = new List<GateRound> { new(StepStart.AddMinutes(1), []) };

        var decision = GateDecider.Decide(Policy, rounds, StepStart, StepStart.AddMinutes(1.5));

        Assert.Equal(GateAction.Hold, decision.Action);
    }

    [Fact]
    public void Decide_RoundsBeforeStepStart_AreIgnored()
    {
        var rounds = new List<GateRound>
        {
            Round(StepStart.AddMinutes(-1), GateVerdict.Fail),
            Round(StepStart.AddMinutes(1), GateVerdict.Fail),
        };

        var decision = GateDecider.Decide(Policy, rounds, StepStart, StepStart.AddMinutes(1.5));

        Assert.Equal(GateAction.Hold, decision.Action);
    }

    [Fact]
    public void Decide_RoundsOutOfOrder_AreReadOldestFirst()
    {
        var rounds = new List<GateRound>
        {
            Round(StepStart.AddMinutes(2), GateVerdict.Pass),
            Round(StepStart.AddMinutes(1), GateVerdict.Fail),
        };

        var decision = GateDecider.Decide(Policy, rounds, StepStart, StepStart.AddMinutes(2.5));

        Assert.Equal(GateAction.Continue, decision.Action);
    }

    [Fact]
    public void Decide_FailureLimitOfZero_RollsBackOnFirstFailure()
    {
        var policy = Policy with { FailureLimit = 0 };

        var decision = GateDecider.Decide(policy, History("F"), StepStart, StepStart.AddMinutes(1.2));

        Assert.Equal(GateAction.RollBack, decision.Action);
    }

    [Fact]
    public void Decide_FailureLimitReached_ReasonNamesGateAndCount()
    {
        var rounds = new List<GateRound>
        {
            Round(StepStart.AddMinutes(1), GateVerdict.Pass, GateVerdict.Fail),
            Round(StepStart.AddMinutes(2), GateVerdict.Pass, GateVerdict.Fail),
        };

        var decision = GateDecider.Decide(Policy, rounds, StepStart, StepStart.AddMinutes(2));

        Assert.Equal(GateAction.RollBack, decision.Action);
        Assert.Equal("2 failed rounds since the last pass reached the failure limit of 2: gate 'gate1' failed: gate1 says Fail", decision.Reason);
    }

    [Fact]
    public void Decide_Blind_ReasonSaysHowLongAndLastRound()
    {
        var decision = GateDecider.Decide(Policy, History("IIIIII"), StepStart, StepStart.AddMinutes(6.5));

        Assert.Equal(GateAction.RollBack, decision.Action);
        Assert.Equal(
            "blind for 6m30s, longer than the max blind time of 5m00s, with no conclusive gate round; last round: gate 'gate0' inconclusive: gate0 says Inconclusive",
            decision.Reason);
    }

    [Fact]
    public void Decide_Inconclusive_ReasonSaysTimeLeftBeforeRollback()
    {
        var decision = GateDecider.Decide(Policy, History("PU"), StepStart, StepStart.AddMinutes(2));

        Assert.Equal(
            "1 round without a conclusive verdict, below the inconclusive limit of 3; holding, roll back in 4m00s unless evidence comes: gate 'gate0' unavailable: gate0 says SourceUnavailable",
            decision.Reason);
    }

    [Fact]
    public void Decide_Pass_ReasonListsEveryGate()
    {
        var rounds = new List<GateRound> { Round(StepStart.AddMinutes(1), GateVerdict.Pass, GateVerdict.Pass) };

        var decision = GateDecider.Decide(Policy, rounds, StepStart, StepStart.AddMinutes(1));

        Assert.Equal("all 2 gates passed: gate 'gate0' passed: gate0 says Pass; gate 'gate1' passed: gate1 says Pass", decision.Reason);
    }
}
