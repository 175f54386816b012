using System.Diagnostics;
using System.Numerics;
using System.Threading.Channels;
using Orchestrator.Metrics.Local;

namespace Orchestrator.Targets.Local;

/// <summary>
/// Copies of live requests on their way to the shadow deployment: a bounded queue drained by a few workers, so a
/// slow or failing shadow never delays or changes a client's answer. When the queue is full, the copy is dropped
/// and counted. Answers are measured as mirrored traffic and discarded.
/// </summary>
internal sealed class MirrorQueue : IAsyncDisposable
{
    private readonly Channel<(LocalDeployment Shadow, ReadOnlyMemory<byte> Body, string? ContentType)> _channel;
    private readonly InstanceForwarder _forwarder;
    private readonly RequestMeasurements _measurements;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _dropped;

    public MirrorQueue(LocalHostContext context, string endpoint, InstanceForwarder forwarder, RequestMeasurements measurements)
    {
        _channel = Channel.CreateBounded<(LocalDeployment, ReadOnlyMemory<byte>, string?)>(new BoundedChannelOptions(context.Options.MirrorQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
        _forwarder = forwarder;
        _measurements = measurements;
        _logger = context.LoggerFactory.CreateLogger<MirrorQueue>();
        _endpoint = endpoint;
        _workers = [.. Enumerable.Range(0, context.Options.MirrorConcurrency).Select(_ => Task.Run(DrainAsync))];
    }

    /// <summary>Copies dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a copy without waiting; a full queue drops it.</summary>
    public void Enqueue(LocalDeployment shadow, ReadOnlyMemory<byte> body, string? contentType)
    {
        if (!_channel.Writer.TryWrite((shadow, body, contentType)))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            if (BitOperations.IsPow2(dropped))
            {
                // Logged at 1, 2, 4, 8, ... drops: visible without flooding the log under sustained overload.
                LocalHostLog.MirrorDropped(_logger, _endpoint, shadow.Name, dropped);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var (shadow, body, contentType) in _channel.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var answer = await _forwarder.ForwardAsync(shadow, body, contentType, _stop.Token).ConfigureAwait(false);
                    _measurements.Record(shadow.Name, TrafficKind.Mirrored, answer.StatusCode, answer.ModelStatusCode, Stopwatch.GetElapsedTime(started));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LocalHostLog.MirrorFailed(_logger, ex, _endpoint, shadow.Name);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down: pending copies are dropped with the queue.
        }
    }
}
