namespace Orchestrator.Rollouts;

/// <summary>
/// One rollout's current state over the <see cref="RolloutStateMachine"/> table, with run-to-completion firing:
/// a trigger fired while another is being handled is queued and applied after it.
/// </summary>
public sealed class RolloutLifecycle(RolloutPhase state, RolloutPhase? pausedFrom = null)
{
    private readonly Queue<RolloutTrigger> _queue = new();
    private bool _firing;

    /// <summary>Raised after each transition, with (from, trigger, to).</summary>
    public event Action<RolloutPhase, RolloutTrigger, RolloutPhase>? Transitioned;

    /// <summary>The current state.</summary>
    public RolloutPhase State { get; private set; } = state;

    /// <summary>The phase Resume returns to, while paused.</summary>
    public RolloutPhase? PausedFrom { get; private set; } = pausedFrom;

    /// <summary>Fires a trigger; throws <see cref="InvalidRolloutTransitionException"/> when the table does not permit it.</summary>
    public void Fire(RolloutTrigger trigger)
    {
        _queue.Enqueue(trigger);
        if (_firing)
        {
            // Run to completion: the trigger in hand finishes (including its handlers) before the queued one.
            return;
        }

        _firing = true;
        try
        {
            while (_queue.TryDequeue(out var next))
            {
                var from = State;
                var to = RolloutStateMachine.Fire(from, next, new TransitionContext(PausedFrom));
                PausedFrom = to == RolloutPhase.Paused ? (from == RolloutPhase.Paused ? PausedFrom : from) : null;
                State = to;
                Transitioned?.Invoke(from, next, to);
            }
        }
        finally
        {
            _queue.Clear();
            _firing = false;
        }
    }
}
