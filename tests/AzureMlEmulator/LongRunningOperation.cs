using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>
/// One long-running operation: answers "InProgress" to a number of polls (or forever), then ends Succeeded or
/// Failed and applies its effect. Guarded by the state's lock.
/// </summary>
internal sealed class LongRunningOperation
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required EndpointRecord Endpoint { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    /// <summary>What GET on the Location URL answers once done (PATCH: the resource; DELETE: nothing).</summary>
    public Func<JsonObject?> FinalBody { get; init; } = () => null;

    /// <summary>Applied when the operation succeeds.</summary>
    public Action OnSucceeded { get; init; } = () => { };

    /// <summary>Applied when the operation fails.</summary>
    public Action<string> OnFailed { get; init; } = _ => { };

    /// <summary>Null to succeed, or the failure message to end with.</summary>
    public string? Failure { get; init; }

    public int RemainingPolls { get; set; }

    public string Status { get; private set; } = "InProgress";

    public DateTimeOffset? EndTime { get; private set; }

    public bool IsDone => Status != "InProgress";

    /// <summary>One observation (a poll, or a GET of the resource) moves the operation on.</summary>
    public void Observe(bool neverFinish, DateTimeOffset now)
    {
        if (IsDone || neverFinish)
        {
            return;
        }

        if (RemainingPolls > 0)
        {
            RemainingPolls--;
            return;
        }

        Finish(now);
    }

    /// <summary>Ends the operation at once (zero-poll operations).</summary>
    public void Finish(DateTimeOffset now)
    {
        if (IsDone)
        {
            return;
        }

        EndTime = now;
        if (Failure is null)
        {
            Status = "Succeeded";
            OnSucceeded();
        }
        else
        {
            Status = "Failed";
            OnFailed(Failure);
        }

        if (ReferenceEquals(Endpoint.Active, this))
        {
            Endpoint.Active = null;
        }
    }

    /// <summary>The ARM operation-status resource (contract §1.4).</summary>
    public JsonObject StatusBody()
    {
        var body = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Id,
            ["status"] = Status,
            ["startTime"] = StartTime.ToString("O"),
            ["percentComplete"] = IsDone ? 100.0 : 50.0,
        };
        if (EndTime is { } end)
        {
            body["endTime"] = end.ToString("O");
        }

        if (Status == "Failed")
        {
            body["error"] = new JsonObject { ["code"] = "DeploymentProvisioningFailed", ["message"] = Failure };
        }

        return body;
    }
}
