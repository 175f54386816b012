namespace Orchestrator.Plans;

/// <summary>A step as read, with where it was written, so rules over the whole sequence can name the field.</summary>
/// <param name="Step">The step.</param>
/// <param name="Path">e.g. <c>steps[2].mirror</c>; <c>steps</c> for steps of the default path.</param>
internal sealed record ParsedStep(RolloutStep Step, string Path)
{
    /// <summary>Mirror steps: the deployment the user asked to mirror to (the candidate unless named; the record always mirrors the candidate).</summary>
    public string? Deployment { get; init; }

    /// <summary>Where a mirror or scale step named its deployment (the step's own path when it did not).</summary>
    public string? DeploymentPath { get; init; }

    /// <summary>The field that carries the step's percent (<c>.percent</c> or, for traffic, <c>.weights</c>).</summary>
    public string? PercentPath { get; init; }
}
