namespace Orchestrator.Plans;

/// <summary>Where submitted plans find their relative files and named gate policies.</summary>
public sealed class PlanOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orchestrator:Plans";

    /// <summary>Relative request files and model paths in submitted plans resolve against this folder (default: the working folder).</summary>
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Named gate policies are <c>{name}.yaml</c> here (default: <c>policies/</c> beside the executable).</summary>
    public string PoliciesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "policies");

    /// <summary>The parse options these settings stand for.</summary>
    public PlanParseOptions ToParseOptions() => new(BaseDirectory, PoliciesDirectory);
}
