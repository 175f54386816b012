namespace AzureMlEmulator;

/// <summary>One control-plane request the emulator received, with the status it answered.</summary>
/// <param name="At">When (emulator clock).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path as sent (case preserved).</param>
/// <param name="Query">Query string, with the leading <c>?</c>.</param>
/// <param name="Body">Request body, when there was one.</param>
/// <param name="Status">The status answered.</param>
public sealed record LoggedRequest(DateTimeOffset At, string Method, string Path, string Query, string? Body, int Status)
{
    /// <summary>A poll of a long-running operation (<c>mfeOperationsStatus</c> / <c>mfeOperationResults</c>).</summary>
    public bool IsOperationPoll => Path.Contains("/mfeOperation", StringComparison.OrdinalIgnoreCase);

    /// <summary>A metrics query.</summary>
    public bool IsMetrics => Path.Contains("/providers/Microsoft.Insights/metrics", StringComparison.OrdinalIgnoreCase);

    /// <summary>A change: PUT, PATCH, DELETE, or POST other than a read-only action.</summary>
    public bool IsMutation => Method is "PUT" or "PATCH" or "DELETE";

    /// <summary>Succeeded (2xx).</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Reads like <c>PUT …/onlineEndpoints/ep1 → 201</c>.</summary>
    public override string ToString() => $"{Method} {Path} -> {Status}";
}

/// <summary>The control-plane requests received, in order (thread-safe).</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _entries = [];

    /// <summary>A snapshot of every request so far.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
