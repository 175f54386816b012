using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>
/// A real host process (tests/LocalHostProbe) killed with kill -9: its scoring processes notice and exit, and a
/// new host on the same data directory brings the endpoint back on the same port with the same key.
/// </summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class HostCrashTests(LocalHostFixture fixture) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"local-host-crash-{Guid.NewGuid():N}");
    private readonly List<Process> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            host.Dispose();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task KillHost_ScoringProcessesExitAndANewHostRestoresTheEndpoint()
    {
        var (first, before) = await StartHostAsync();

        first.Kill(); // SIGKILL: no shutdown code runs in the host
        await first.WaitForExitAsync();
        await LocalHostFixture.WaitUntilAsync(() => before.Pids.All(ProcessProbe.HasExited), "the orphaned scoring processes exited");

        var (second, after) = await StartHostAsync();
        Assert.False(before.Restored);
        Assert.True(after.Restored);
        Assert.Equal(before.Port, after.Port);
        Assert.Equal(before.Key, after.Key);
        Assert.Equal(2, after.Pids.Length);
        Assert.Empty(after.Pids.Intersect(before.Pids));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{after.Port}/score")
        {
            Content = new StringContent(LocalHostFixture.SampleRequest, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", after.Key);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("[11055.97", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        second.StandardInput.Close(); // a graceful stop also stops the scoring processes
        await second.WaitForExitAsync();
        await LocalHostFixture.WaitUntilAsync(() => after.Pids.All(ProcessProbe.HasExited), "the scoring processes stopped with their host");
    }

    private async Task<(Process Host, ProbeReport Report)> StartHostAsync()
    {
        var host = Process.Start(ProcessProbe.Dotnet("LocalHostProbe.dll", "--data", _directory, "--model", LocalHostFixture.Model1))!;
        _hosts.Add(host);
        var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (line is null)
        {
            // Only now: the probe's stderr ends when it exits, so reading it earlier would wait forever.
            Assert.Fail($"the probe host exited early: {await host.StandardError.ReadToEndAsync()}");
        }
        return (host, JsonSerializer.Deserialize<ProbeReport>(line, Json)!);
    }

    private sealed record ProbeReport(bool Restored, int Port, string Key, int[] Pids);
}
