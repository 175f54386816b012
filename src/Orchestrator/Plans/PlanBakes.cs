using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>
/// <c>bakes</c>: how long each kind of step bakes when it names no bake of its own, including every step of
/// the default path. A demo plan shortens them here instead of spelling out the whole path.
/// </summary>
internal sealed record PlanBakes(TimeSpan Mirror, TimeSpan Traffic, TimeSpan Promotion)
{
    public static PlanBakes Default { get; } = new(PlanDefaults.MirrorBake, PlanDefaults.TrafficBake, PlanDefaults.PromotionBake);

    public static PlanBakes Read(MappingReader? map)
    {
        if (map is null)
        {
            return Default;
        }

        var bakes = new PlanBakes(
            map.Duration("mirror") ?? PlanDefaults.MirrorBake,
            map.Duration("traffic") ?? PlanDefaults.TrafficBake,
            map.Duration("promotion") ?? PlanDefaults.PromotionBake);
        map.Finish();
        return bakes;
    }
}
