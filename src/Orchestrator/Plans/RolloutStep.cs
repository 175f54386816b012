using System.Text.Json.Serialization;
using Orchestrator.Rollouts;

namespace Orchestrator.Plans;

/// <summary>
/// One step of a rollout plan. The plan is data: the executor switches over these sealed kinds, and its
/// discard arm throws <see cref="System.Diagnostics.UnreachableException"/> so a new kind fails loudly.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Deploy), "deploy")]
[JsonDerivedType(typeof(SmokeTest), "smokeTest")]
[JsonDerivedType(typeof(Scale), "scale")]
[JsonDerivedType(typeof(Mirror), "mirror")]
[JsonDerivedType(typeof(Traffic), "traffic")]
[JsonDerivedType(typeof(Approval), "approval")]
[JsonDerivedType(typeof(DeleteBaseline), "deleteBaseline")]
public abstract record RolloutStep
{
    private RolloutStep()
    {
    }

    /// <summary>The phase the rollout is in while this step runs.</summary>
    [JsonIgnore]
    public abstract RolloutPhase Phase { get; }

    /// <summary>The trigger that moves the rollout into this step's phase.</summary>
    [JsonIgnore]
    public abstract RolloutTrigger StartTrigger { get; }

    /// <summary>How long gates must hold before the step completes; zero for steps without a bake.</summary>
    [JsonIgnore]
    public virtual TimeSpan BakeTime => TimeSpan.Zero;

    /// <summary>The plan kind as written in YAML.</summary>
    [JsonIgnore]
    public abstract string KindName { get; }

    /// <summary>Create (or update) the candidate deployment at 0% live traffic and wait for it to provision.</summary>
    public sealed record Deploy : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.DeployingCandidate;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartDeploy;

        /// <inheritdoc />
        public override string KindName => "deploy";
    }

    /// <summary>Invoke the candidate alone (through the deployment header) and check its answer.</summary>
    /// <param name="RequestBody">The request, read from the plan's request file when the plan was parsed.</param>
    /// <param name="RequestFile">Where the request came from, for display.</param>
    /// <param name="ExpectedStatus">The HTTP status the candidate must answer.</param>
    /// <param name="ExpectedOutput">When set, the JSON the candidate must answer (compared structurally).</param>
    public sealed record SmokeTest(string RequestBody, string? RequestFile, int ExpectedStatus, string? ExpectedOutput) : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.TestingCandidate;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartSmokeTest;

        /// <inheritdoc />
        public override string KindName => "smokeTest";
    }

    /// <summary>Set a deployment's instance count.</summary>
    /// <param name="Deployment">The deployment to scale (baseline or candidate name).</param>
    /// <param name="InstanceCount">The new instance count.</param>
    public sealed record Scale(string Deployment, int InstanceCount) : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.DeployingCandidate;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartDeploy;

        /// <inheritdoc />
        public override string KindName => "scale";
    }

    /// <summary>Mirror a share of live traffic to the candidate (responses discarded) and bake.</summary>
    public sealed record Mirror(int Percent, TimeSpan Bake) : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.Shadowing;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartShadow;

        /// <inheritdoc />
        public override TimeSpan BakeTime => Bake;

        /// <inheritdoc />
        public override string KindName => "mirror";
    }

    /// <summary>Send a share of live traffic to the candidate and bake; 100 is promotion (baseline kept at 0%).</summary>
    public sealed record Traffic(int Percent, TimeSpan Bake) : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => Percent >= 100 ? RolloutPhase.Promoted : RolloutPhase.Canary;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => Percent >= 100 ? RolloutTrigger.StartPromotion : RolloutTrigger.StartCanary;

        /// <inheritdoc />
        public override TimeSpan BakeTime => Bake;

        /// <inheritdoc />
        public override string KindName => "traffic";
    }

    /// <summary>Wait for a human to approve before going on. The split of the previous step holds.</summary>
    public sealed record Approval(string? Message) : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.AwaitingApproval;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartApproval;

        /// <inheritdoc />
        public override string KindName => "approval";
    }

    /// <summary>Delete the baseline deployment, once the candidate held 100% through a passing bake.</summary>
    public sealed record DeleteBaseline : RolloutStep
    {
        /// <inheritdoc />
        public override RolloutPhase Phase => RolloutPhase.DeletingBaseline;

        /// <inheritdoc />
        public override RolloutTrigger StartTrigger => RolloutTrigger.StartBaselineDeletion;

        /// <inheritdoc />
        public override string KindName => "deleteBaseline";
    }
}
