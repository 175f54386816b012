namespace ScoringServer;

/// <summary><c>coef · x + intercept</c> per row, as scikit-learn's LinearRegression.predict.</summary>
internal sealed class LinearModel(string name, double[] coefficients, double intercept) : ScoringModel(name)
{
    /// <inheritdoc />
    public override double[] ZeroRow => new double[coefficients.Length];

    /// <inheritdoc />
    public override double[]? Predict(IReadOnlyList<double[]> rows, out string? error)
    {
        var predictions = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Length != coefficients.Length)
            {
                error = $"row {r} has {row.Length} features, the model expects {coefficients.Length}";
                return null;
            }

            var sum = intercept;
            for (var i = 0; i < row.Length; i++)
            {
                sum += coefficients[i] * row[i];
            }

            predictions[r] = sum;
        }

        error = null;
        return predictions;
    }
}
