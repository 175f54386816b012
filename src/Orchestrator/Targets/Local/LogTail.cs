namespace Orchestrator.Targets.Local;

/// <summary>The last N output lines of one instance slot, kept across its restarts so a crash's reason stays visible.</summary>
internal sealed class LogTail(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _lines = new(Math.Min(capacity, 256));

    /// <summary>Appends a line, dropping the oldest beyond capacity.</summary>
    public void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_lock)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - count))];
        }
    }
}
