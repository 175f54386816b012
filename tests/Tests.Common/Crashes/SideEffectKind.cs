namespace Tests.Common.Crashes;

/// <summary>The side-effecting calls a crash can strike: every write to the endpoint or to the rollout store.</summary>
public enum SideEffectKind
{
    /// <summary>Create the endpoint.</summary>
    EnsureEndpoint,

    /// <summary>Create or update a deployment.</summary>
    PutDeployment,

    /// <summary>Scale a deployment.</summary>
    ScaleDeployment,

    /// <summary>Set live and mirrored traffic.</summary>
    SetTraffic,

    /// <summary>Delete a deployment.</summary>
    DeleteDeployment,

    /// <summary>Invoke a deployment (the smoke test).</summary>
    Invoke,

    /// <summary>Insert a rollout.</summary>
    StoreInsert,

    /// <summary>Save a changed rollout.</summary>
    StoreUpdate,

    /// <summary>Append a gate round and save the change it decided, in one transaction.</summary>
    StoreGateRoundAndUpdate,

    /// <summary>Append a gate round.</summary>
    StoreGateRound,

    /// <summary>Append audit events that change no rollout.</summary>
    StoreAudit,

    /// <summary>Store the result of an identified command.</summary>
    StoreCommandResult,
}
