using System.Text.Json.Nodes;
using Orchestrator.Endpoints;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlDataPlaneTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    private const string SampleRequest = "{\"data\": [[1,2,3,4,5,6,7,8,9,10], [10,9,8,7,6,5,4,3,2,1]]}";

    [Fact]
    public async Task Invoke_ByTrafficRules_ScoresWithModel1OnBlue()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-invoke");

        var result = await target.InvokeAsync(SampleRequest);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("blue", result.ServedBy);
        var predictions = JsonNode.Parse(result.Body)!.AsArray().Select(p => p!.GetValue<double>()).ToArray();
        Assert.Equal(11055.977245525679, predictions[0], 6);
        Assert.Equal(4503.079536107787, predictions[1], 6);
        var calls = harness.Calls("ep-invoke");
        Assert.Contains(calls, c => c.Method == "POST" && c.Path.EndsWith("/listKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_PinnedToGreen_AnswersModel2AndMirrorsNothing()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-pinned");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 50)]));
        var before = harness.Emulator.ScoringRecords().Count;

        var result = await target.InvokeAsync(SampleRequest, "Green");

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("green", result.ServedBy);
        Assert.Equal([0.5, 0.5], JsonNode.Parse(result.Body)!.AsArray().Select(p => p!.GetValue<double>()));
        var record = Assert.Single(harness.Emulator.ScoringRecords().Skip(before));
        Assert.True(record.Pinned);
        Assert.False(record.Mirrored);
    }

    [Fact]
    public async Task Invoke_WithMirror_ShadowCopiesAreRecordedButNeverReturned()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-mirror");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 50)]));

        var results = new List<InvocationResult>();
        for (var i = 0; i < 30; i++)
        {
            results.Add(await target.InvokeAsync(SampleRequest));
        }

        Assert.All(results, r => Assert.Equal("blue", r.ServedBy));
        Assert.All(results, r => Assert.StartsWith("[11055.97", r.Body, StringComparison.Ordinal));
        var records = harness.Emulator.ScoringRecords().Where(r => r.Endpoint == "ep-mirror").ToList();
        var shadows = records.Where(r => r.Mirrored).ToList();
        Assert.InRange(shadows.Count, 1, 29);
        Assert.All(shadows, s => Assert.Equal("green", s.Deployment));
        Assert.Equal(30, records.Count(r => !r.Mirrored));
    }

    [Fact]
    public async Task SyntheticLoad_OnAMirroredEndpoint_ServesBlueLiveAndGreenInShadow()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-load");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 50)]));

        harness.Emulator.Knobs.SetLoad("ep-load", 50);
        List<AzureMlEmulator.ScoringRecord> records;
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            do
            {
                await Task.Delay(50, patience.Token);
                records = [.. harness.Emulator.ScoringRecords().Where(r => r.Endpoint == "ep-load")];
            }
            while (records.Count(r => r.Mirrored) < 3 || records.Count(r => !r.Mirrored) < 10);
        }

        harness.Emulator.Knobs.SetLoad("ep-load", 0);

        Assert.All(records.Where(r => !r.Mirrored), r => Assert.Equal("blue", r.Deployment));
        Assert.All(records.Where(r => r.Mirrored), r => Assert.Equal("green", r.Deployment));
        Assert.All(records, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task Invoke_BaseLatency_AddedToEveryDeploymentBeforeInjectedLatency()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-base-latency");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 50)]));
        harness.Emulator.Knobs.BaseLatency = TimeSpan.FromMilliseconds(20);
        harness.Emulator.Knobs.InjectLatency("green", TimeSpan.FromMilliseconds(100));
        try
        {
            for (var i = 0; i < 30; i++)
            {
                await target.InvokeAsync(SampleRequest);
            }
        }
        finally
        {
            harness.Emulator.Knobs.BaseLatency = TimeSpan.Zero;
        }

        var records = harness.Emulator.ScoringRecords().Where(r => r.Endpoint == "ep-base-latency").ToList();
        // Live answers really wait (a timer may fire a tick early); mirrored copies add the latency to what they took.
        Assert.All(records.Where(r => !r.Mirrored), r => Assert.True(r.LatencyMs >= 15, $"blue answered in {r.LatencyMs} ms"));
        Assert.Contains(records, r => r.Mirrored);
        Assert.All(records.Where(r => r.Mirrored), r => Assert.True(r.LatencyMs >= 120, $"green's copy took {r.LatencyMs} ms"));
    }

    [Fact]
    public async Task Invoke_MalformedRequest_ReportsTheModelError()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-malformed");

        var result = await target.InvokeAsync("{\"rows\": []}");

        Assert.Equal(424, result.StatusCode);
        Assert.Contains("scoring script", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLogs_AfterScoring_ReturnsTheTailOfTheDeploymentLog()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-logs");
        await target.InvokeAsync(SampleRequest);
        await target.InvokeAsync(SampleRequest);

        var all = await target.GetLogsAsync("blue", lines: 100);
        var last = await target.GetLogsAsync("blue", lines: 1);

        Assert.Contains("Init complete", all, StringComparison.Ordinal);
        Assert.Contains("model 1: request received", all, StringComparison.Ordinal);
        Assert.Single(last.Split('\n'));
        Assert.EndsWith("model 1: request received", last, StringComparison.Ordinal);
        var getLogs = harness.Calls("ep-logs").Last(c => c.Path.EndsWith("/getLogs", StringComparison.Ordinal));
        Assert.Equal("InferenceServer", JsonNode.Parse(getLogs.Body!)!["containerType"]!.GetValue<string>());
    }
}
