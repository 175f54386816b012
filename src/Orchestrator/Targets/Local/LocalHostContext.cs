using System.Net;
using ScoringServer;

namespace Orchestrator.Targets.Local;

/// <summary>What every endpoint, deployment and instance of one host shares: options, clocks, HTTP clients, logging.</summary>
internal sealed class LocalHostContext : IDisposable
{
    public LocalHostContext(LocalEndpointHostOptions options, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        Options = options;
        Clock = clock;
        LoggerFactory = loggerFactory;
        Launcher = new ScoringProcessLauncher(options);
        BindAddress = IPAddress.Parse(options.BindAddress);

        // Forwarding to instances: our own HTTP/1.1 client over pooled keep-alive connections (ADR-008).
        Forwarder = new InstanceHttpClient(ScoringProtocol.ScorePath);

        // Each call bounds itself (probe timeout, control timeout; the data plane answers 408 past the request timeout).
        Control = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public LocalEndpointHostOptions Options { get; }

    /// <summary>Stamps measurements (a test clock places requests in windows).</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// Process supervision (readiness deadlines, restart back-off) runs in real time: the processes are real, and a
    /// fake clock that only moves when a test advances it would stall them.
    /// </summary>
    public static TimeProvider RealTime => TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; }

    public ScoringProcessLauncher Launcher { get; }

    public IPAddress BindAddress { get; }

    /// <summary>Sends scoring requests to instances.</summary>
    public InstanceHttpClient Forwarder { get; }

    /// <summary>Readiness probes, fault changes and <c>InvokeAsync</c>.</summary>
    public HttpClient Control { get; }

    public void Dispose()
    {
        Forwarder.Dispose();
        Control.Dispose();
    }
}
