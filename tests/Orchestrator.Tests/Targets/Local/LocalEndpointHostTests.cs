using System.Text.Json;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Tests.Common;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>The host's lifecycle: endpoints survive a stop and start, the store is safe, misuse is refused clearly.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class LocalEndpointHostTests(LocalHostFixture fixture) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"local-host-restart-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task StopThenStart_RestoresEndpointKeysTrafficFaultsAndProcesses()
    {
        var clock = new TestClock();
        var traffic = TrafficSplit.Create([new("blue", 100)], [new("green", 20)]);
        int port;
        EndpointKeys keys;
        List<int> stopped;
        await using (var first = LocalHostFixture.CreateHost(_directory, clock))
        {
            await first.StartAsync(CancellationToken.None);
            var endpoint = await first.EnsureEndpointAsync("restored");
            await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1));
            await endpoint.PutDeploymentAsync("green", DeploymentSpec.ForModel(LocalHostFixture.Model2));
            await endpoint.SetTrafficAsync(traffic);
            await first.SetFaultsAsync("restored", "green", FaultInjection.None with { ErrorRate = 1 });
            keys = await endpoint.RegenerateKeyAsync(EndpointKeyKind.Secondary);
            port = endpoint.Port;
            stopped = [.. endpoint.GetInstances("blue").Concat(endpoint.GetInstances("green")).Select(i => i.ProcessId!.Value)];
        }

        Assert.All(stopped, pid => Assert.True(ProcessProbe.HasExited(pid), $"process {pid} outlived the host's stop"));
        await using var second = LocalHostFixture.CreateHost(_directory, clock);
        await second.StartAsync(CancellationToken.None);

        var restored = second.GetEndpoint("restored")!;
        Assert.Equal(port, restored.Port);
        Assert.Equal(keys, restored.Keys);
        var state = restored.GetState();
        Assert.Equal(traffic, state.Traffic);
        Assert.All(state.Deployments, d => Assert.Equal(ProvisioningState.Succeeded, d.Provisioning));
        Assert.Equal((200, "blue"), ((await fixture.ScoreAsync(restored, key: keys.SecondaryKey)).Status, (await fixture.ScoreAsync(restored)).ServedBy));
        Assert.Equal(424, (await fixture.ScoreAsync(restored, deployment: "green")).Status);
    }

    [Fact]
    public async Task SetTrafficAsync_KilledBeforeTheBackgroundSave_NewHostRestoresTheSplitFromTheJournal()
    {
        // Issue 5: a traffic update is acknowledged before the durable file is written. The files as a kill -9 right
        // after the acknowledgement leaves them: the durable file of the previous split, the journal of the new one.
        var crashed = Path.Combine(_directory, "crashed");
        Directory.CreateDirectory(crashed);
        var clock = new TestClock();
        var canary = TrafficSplit.Create([new("blue", 90), new("green", 10)]);
        await using (var first = LocalHostFixture.CreateHost(Path.Combine(_directory, "live"), clock))
        {
            await first.StartAsync(CancellationToken.None);
            var endpoint = await first.EnsureEndpointAsync("journaled");
            await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1));
            await endpoint.PutDeploymentAsync("green", DeploymentSpec.ForModel(LocalHostFixture.Model2));
            await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
            await LocalHostFixture.WaitUntilAsync(() => StoredTraffic(first.StorePath) == "blue=100", "the background save wrote blue=100");
            File.Copy(first.StorePath, Path.Combine(crashed, LocalEndpointStore.FileName));

            await endpoint.SetTrafficAsync(canary);
            foreach (var journal in JournalsOf(first).Where(File.Exists))
            {
                File.Copy(journal, Path.Combine(crashed, Path.GetFileName(journal)));
            }
        }

        Assert.Equal("blue=100", StoredTraffic(Path.Combine(crashed, LocalEndpointStore.FileName)));
        await using var second = LocalHostFixture.CreateHost(crashed, clock);
        await second.StartAsync(CancellationToken.None);

        var state = second.GetEndpoint("journaled")!.GetState();
        Assert.Equal(canary, state.Traffic);
        Assert.All(state.Deployments, d => Assert.Equal(ProvisioningState.Succeeded, d.Provisioning));
    }

    [Fact]
    public async Task StopAsync_AfterATrafficUpdate_TheDurableFileHoldsItWithoutTheJournal()
    {
        var canary = TrafficSplit.Create([new("blue", 90), new("green", 10)]);
        string store;
        LocalEndpointJournal journal;
        await using (var host = LocalHostFixture.CreateHost(_directory, new TestClock()))
        {
            await host.StartAsync(CancellationToken.None);
            var endpoint = await host.EnsureEndpointAsync("written-behind");
            await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1));
            await endpoint.PutDeploymentAsync("green", DeploymentSpec.ForModel(LocalHostFixture.Model2));
            await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
            await endpoint.SetTrafficAsync(canary);
            store = host.StorePath;
            journal = new LocalEndpointJournal(Path.Combine(_directory, LocalEndpointStore.JournalFileName));
        }

        // The last save (at the latest the one on stop) wrote the final split, numbered at least as new as the journal.
        var saved = Read(store);
        Assert.Equal("blue=90, green=10", StoredTraffic(store));
        Assert.True(saved.Sequence >= (await journal.ReadAsync())!.Sequence, "the durable file is older than the journal after stop");
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task Save_AfterChanges_WritesOneOwnerOnlyFileAndNoTemporaries()
    {
        var store = fixture.Host.StorePath;

        await fixture.Host.EnsureEndpointAsync("stored");

        Assert.Contains("\"name\": \"stored\"", await File.ReadAllTextAsync(store), StringComparison.Ordinal);

        // A background save of an earlier traffic update may be mid-write; a leaked temporary would stay forever.
        await LocalHostFixture.WaitUntilAsync(() => Directory.GetFiles(Path.GetDirectoryName(store)!, "*.tmp").Length == 0, "no temporary file is left");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store));
        }
    }

    [Fact]
    public async Task StartAsync_CorruptStore_FailsNamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "local-endpoints.json"), "{ not json");
        await using var host = LocalHostFixture.CreateHost(_directory, new TestClock());

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("local-endpoints.json", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureEndpointAsync_BeforeStart_IsRefused()
    {
        await using var host = LocalHostFixture.CreateHost(_directory, new TestClock());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.EnsureEndpointAsync("early"));

        Assert.Contains("not running", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(host.StorePath));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("")]
    public async Task EnsureEndpointAsync_InvalidName_IsRefused(string name)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Host.EnsureEndpointAsync(name));

        Assert.Contains("must start with a letter or digit", refused.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Host.GetEndpoint(name));
    }

    private static IReadOnlyList<string> JournalsOf(LocalEndpointHost host) =>
        new LocalEndpointJournal(Path.Combine(Path.GetDirectoryName(host.StorePath)!, LocalEndpointStore.JournalFileName)).Paths;

    private static LocalHostRecord Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), LocalEndpointJsonContext.Default.LocalHostRecord)!;

    private static string StoredTraffic(string path) =>
        File.Exists(path) && Read(path).Endpoints is [var endpoint, ..]
            ? string.Join(", ", endpoint.Traffic.Where(t => t.Value > 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))
            : "";
}
