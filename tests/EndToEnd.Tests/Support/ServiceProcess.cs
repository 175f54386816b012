using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The real service (<c>dotnet Orchestrator.dll serve</c>) as a child OS process on a port of its own choosing:
/// it binds port 0 and the address is read from its "Now listening on" line, so parallel tests never race for ports.
/// Its output is kept (the last lines) for failure messages.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Where the API listens.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The service's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the service on <paramref name="dataDirectory"/> and waits until it listens and <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, string adminKey, HttpClient http, CancellationToken cancellationToken = default)
    {
        var info = DotnetCommand.For(
            "Orchestrator.dll", "serve", "--data", dataDirectory, "--url", "http://127.0.0.1:0", $"--Orchestrator:Api:AdminKey={adminKey}",
            // The request log would bury the orchestrator's own lines in the output tail that failure messages show.
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync(http, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines the service wrote (stdout and stderr interleaved).</summary>
    public string OutputTail(int lines = 60)
    {
        lock (_output)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    /// <summary>kill -9 of the service alone: no shutdown code runs, its scoring processes are left to notice.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Kills the service and everything it started, whatever state the test left it in.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or never started: nothing left to stop.
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(StartDeadline, cancellationToken));
        if (first != _listening.Task)
        {
            throw new InvalidOperationException(
                $"the service did not start listening within {StartDeadline} (exited: {_process.HasExited}); its output:\n{OutputTail()}");
        }

        BaseAddress = await _listening.Task;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Listening but not answering yet.
            }

            if (_process.HasExited || deadline.Elapsed > StartDeadline)
            {
                throw new InvalidOperationException($"the service at {BaseAddress} never became ready (exited: {_process.HasExited}); its output:\n{OutputTail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }

        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
