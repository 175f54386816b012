using Worker.Hosting;

namespace Worker.Scheduling;

/// <summary>How long a rollout's tick or gate check waits before it is tried again after its handler threw.</summary>
internal static class RetryDelay
{
    /// <summary><see cref="WorkerOptions.RetryBackoff"/> doubled per earlier attempt, at most <see cref="WorkerOptions.MaxRetryBackoff"/>.</summary>
    /// <param name="settings">The worker's settings.</param>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    public static TimeSpan For(WorkerOptions settings, int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = settings.RetryBackoff * factor;
        return delay < settings.MaxRetryBackoff ? delay : settings.MaxRetryBackoff;
    }
}
