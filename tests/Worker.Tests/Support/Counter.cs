namespace Worker.Tests.Support;

/// <summary>A count that tests can await reaching a value, so they wait on conditions rather than on time.</summary>
public sealed class Counter
{
    /// <summary>Long enough for a loaded 2-core machine; a healthy run takes well under a second.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<(int Target, TaskCompletionSource Done)> _waiters = [];
    private int _count;

    public int Value
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Increment()
    {
        List<TaskCompletionSource> reached;
        lock (_gate)
        {
            _count++;
            reached = [.. _waiters.Where(w => w.Target <= _count).Select(w => w.Done)];
            _waiters.RemoveAll(w => w.Target <= _count);
        }

        reached.ForEach(done => done.TrySetResult());
    }

    public async Task WaitForAsync(int target, string what)
    {
        Task wait;
        lock (_gate)
        {
            if (_count >= target)
            {
                return;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, done));
            wait = done.Task;
        }

        try
        {
            await wait.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what} to reach {target}; it is {Value}");
        }
    }
}
