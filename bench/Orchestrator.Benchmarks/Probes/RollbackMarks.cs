using System.Diagnostics;
using Orchestrator.Endpoints;
using Orchestrator.Rollouts;

namespace Orchestrator.Benchmarks.Probes;

/// <summary>
/// When the milestones of one rollback happened (Stopwatch timestamps, 0 = not yet): the last metric query of
/// the gate check, the RollingBack decision stored, blue back at 100% on the endpoint, RolledBack stored.
/// The benchmarks run one rollback at a time, so one set of marks serves; each milestone keeps its first time.
/// </summary>
internal sealed class RollbackMarks(string baseline)
{
    private long _lastQuery;
    private long _rollingBackStored;
    private long _restoreRequested;
    private long _baselineRestored;
    private long _rolledBackStored;
    private TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last metric query answered.</summary>
    public long LastQuery => Volatile.Read(ref _lastQuery);

    /// <summary>The RollingBack state (with its decision) committed to the store.</summary>
    public long RollingBackStored => Volatile.Read(ref _rollingBackStored);

    /// <summary>The endpoint update that gives the baseline 100% handed to the target.</summary>
    public long RestoreRequested => Volatile.Read(ref _restoreRequested);

    /// <summary>The endpoint update that gives the baseline 100% applied by the target.</summary>
    public long BaselineRestored => Volatile.Read(ref _baselineRestored);

    /// <summary>The RolledBack state committed to the store.</summary>
    public long RolledBackStored => Volatile.Read(ref _rolledBackStored);

    /// <summary>Completes when the baseline is back at 100%.</summary>
    public Task Restored => Volatile.Read(ref _restored).Task;

    /// <summary>Forgets the previous rollback.</summary>
    public void Reset()
    {
        Volatile.Write(ref _lastQuery, 0);
        Volatile.Write(ref _rollingBackStored, 0);
        Volatile.Write(ref _restoreRequested, 0);
        Volatile.Write(ref _baselineRestored, 0);
        Volatile.Write(ref _rolledBackStored, 0);
        Volatile.Write(ref _restored, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>A metric query was answered.</summary>
    public void MetricQueried() => Volatile.Write(ref _lastQuery, Stopwatch.GetTimestamp());

    /// <summary>A rollout change was committed.</summary>
    public void Stored(RolloutPhase phase)
    {
        if (phase == RolloutPhase.RollingBack)
        {
            Interlocked.CompareExchange(ref _rollingBackStored, Stopwatch.GetTimestamp(), 0);
        }
        else if (phase == RolloutPhase.RolledBack)
        {
            Interlocked.CompareExchange(ref _rolledBackStored, Stopwatch.GetTimestamp(), 0);
        }
    }

    /// <summary>A traffic update is about to be handed to the target.</summary>
    public void TrafficRequested(TrafficSplit split)
    {
        if (RestoresBaseline(split))
        {
            Interlocked.CompareExchange(ref _restoreRequested, Stopwatch.GetTimestamp(), 0);
        }
    }

    /// <summary>A traffic update was applied by the target.</summary>
    public void TrafficApplied(TrafficSplit split)
    {
        if (RestoresBaseline(split) && Interlocked.CompareExchange(ref _baselineRestored, Stopwatch.GetTimestamp(), 0) == 0)
        {
            Volatile.Read(ref _restored).TrySetResult();
        }
    }

    private bool RestoresBaseline(TrafficSplit split) => split.LiveOf(baseline) == 100 && split.Mirror.Count == 0;
}
