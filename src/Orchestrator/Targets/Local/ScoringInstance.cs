using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ScoringServer;

namespace Orchestrator.Targets.Local;

/// <summary>
/// One instance of a deployment: a ScoringServer process, started and probed until ready, restarted (with
/// back-off, counted) whenever it exits unasked, and stopped by closing its stdin (killed if it lingers).
/// </summary>
internal sealed class ScoringInstance : IAsyncDisposable
{
    private readonly LocalHostContext _context;
    private readonly Func<InstanceLaunch> _launch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _controlToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private Process? _process;
    private Uri? _readyUri;
    private int _restarts;
    private Task _supervision = Task.CompletedTask;
    private int _disposed;

    public ScoringInstance(LocalHostContext context, string label, LogTail log, Func<InstanceLaunch> launch)
    {
        _context = context;
        _launch = launch;
        _logger = context.LoggerFactory.CreateLogger<ScoringInstance>();
        Label = label;
        Log = log;
    }

    /// <summary><c>endpoint/deployment/slot</c>, as the process names itself in its log.</summary>
    public string Label { get; }

    /// <summary>The instance's output, kept across restarts.</summary>
    public LogTail Log { get; }

    /// <summary>Where the instance scores, while it is ready; null while it starts, restarts or stops.</summary>
    public Uri? ReadyUri => Volatile.Read(ref _readyUri);

    /// <summary>How many times the instance was restarted after exiting unasked.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The current process id, when a process runs.</summary>
    public int? ProcessId
    {
        get
        {
            var process = Volatile.Read(ref _process);
            try
            {
                return process is { HasExited: false } ? process.Id : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>Starts the process and waits until it is ready; then keeps it running until <see cref="StopAsync"/>.</summary>
    /// <exception cref="DeploymentFailedException">It exited or did not pass its readiness probe in time; the process is gone.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var process = await LaunchAsync(cancellationToken).ConfigureAwait(false);
        _supervision = SuperviseAsync(process);
    }

    /// <summary>Sends the faults to the running process; a process that starts later reads them from its launch.</summary>
    public async Task ApplyFaultsAsync(CancellationToken cancellationToken = default)
    {
        if (ReadyUri is not { } uri)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, ScoringProtocol.FaultsPath))
        {
            Content = new StringContent(ScoringProcessLauncher.ToWire(_launch().Faults), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ScoringProtocol.ControlTokenHeader, _controlToken);
        try
        {
            using var response = await _context.Control.SendAsync(request, timeout.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            // The process just died: its restart reads the new faults from its launch.
            Log.Add($"[host] could not send faults to {Label}: {ex.Message}");
        }
    }

    /// <summary>Stops the process (and any restart) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        Volatile.Write(ref _readyUri, null);
        if (Volatile.Read(ref _process) is { } process)
        {
            await StopProcessAsync(process).ConfigureAwait(false);
        }

        await _supervision.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
        _lifetime.Dispose();
    }

    private async Task SuperviseAsync(Process process)
    {
        var current = process;
        while (true)
        {
            await current.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }

            Volatile.Write(ref _readyUri, null);
            var exitCode = current.ExitCode;
            Log.Add($"[host] {Label} (process {current.Id}) exited with code {exitCode}; restarting");
            LocalHostLog.InstanceExited(_logger, Label, current.Id, exitCode);
            var next = await RestartAsync().ConfigureAwait(false);
            current.Dispose();
            if (next is null)
            {
                return;
            }

            current = next;
        }
    }

    /// <summary>Relaunches until an instance is ready (back-off doubling from 100 ms) or the instance is stopped.</summary>
    private async Task<Process?> RestartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, attempt), _context.Options.MaxRestartDelay.TotalMilliseconds));
            try
            {
                await Task.Delay(attempt == 0 ? TimeSpan.Zero : delay, LocalHostContext.RealTime, _lifetime.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _restarts);
                return await LaunchAsync(_lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (DeploymentFailedException ex)
            {
                Log.Add($"[host] restart of {Label} failed: {ex.Message}");
                LocalHostLog.InstanceRestartFailed(_logger, Label, ex.Message);
            }
        }
    }

    private async Task<Process> LaunchAsync(CancellationToken cancellationToken)
    {
        var launch = _launch();
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = _context.Launcher.CreateStartInfo(launch.Spec, launch.Faults, Label, _controlToken) };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (e.Data.StartsWith(ScoringProtocol.ListeningPrefix, StringComparison.Ordinal)
                && int.TryParse(e.Data.AsSpan(ScoringProtocol.ListeningPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
            {
                port.TrySetResult(bound);
                return;
            }

            Log.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.Add($"stderr: {e.Data}");
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new DeploymentFailedException($"{Label} could not start '{process.StartInfo.FileName}': {ex.Message}", ex);
        }

        Volatile.Write(ref _process, process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Log.Add($"[host] started {Label} as process {process.Id}");
        try
        {
            var bound = await ReadinessProbe.WaitAsync(_context, process, port.Task, ReadinessPolicy.From(launch.Spec.ReadinessProbe, _context.Options), Log, Label, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _readyUri, new Uri($"http://{_context.BindAddress}:{bound}/"));
        }
        catch
        {
            await StopProcessAsync(process).ConfigureAwait(false);
            Interlocked.CompareExchange(ref _process, null, process);
            process.Dispose();
            throw;
        }

        // Faults may have changed while this process was starting with the old ones.
        if (!Equals(_launch().Faults, launch.Faults))
        {
            await ApplyFaultsAsync(cancellationToken).ConfigureAwait(false);
        }

        return process;
    }

    /// <summary>Closes stdin (the child exits on end of file); kills it when it lingers past the stop timeout.</summary>
    private async Task StopProcessAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // Already gone.
        }

        using var timeout = new CancellationTokenSource(_context.Options.StopTimeout, LocalHostContext.RealTime);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                LocalHostLog.InstanceKilled(_logger, Label, process.Id);
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
