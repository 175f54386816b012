using System.Collections.Concurrent;
using Quartz;
using Quartz.Extensibility;

namespace Worker.Tests.Support;

/// <summary>Counts finished executions per job, after the job has rescheduled itself (Quartz calls this once Execute returned).</summary>
public sealed class ExecutionListener : IJobListener
{
    private readonly ConcurrentDictionary<JobKey, Counter> _executed = new();

    public string Name => "test-execution-listener";

    public Counter Executed(JobKey key) => _executed.GetOrAdd(key, _ => new Counter());

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        Executed(context.JobDetail.Key).Increment();
        return ValueTask.CompletedTask;
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
