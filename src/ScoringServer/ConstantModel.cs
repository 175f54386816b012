namespace ScoringServer;

/// <summary>The same value for every row: how the Azure ML walkthrough tells model-2 (green) from model-1 (blue).</summary>
internal sealed class ConstantModel(string name, double value) : ScoringModel(name)
{
    /// <inheritdoc />
    public override double[] ZeroRow => [0];

    /// <inheritdoc />
    public override double[]? Predict(IReadOnlyList<double[]> rows, out string? error)
    {
        error = null;
        return [.. rows.Select(_ => value)];
    }
}
