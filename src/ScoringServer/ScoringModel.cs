using System.Text.Json;

namespace ScoringServer;

/// <summary>
/// A model loaded from a small JSON file (samples/models/*.json): <c>linear</c> (coefficients + intercept, as the
/// Azure ML sample's scikit-learn LinearRegression) or <c>constant</c> (one value per row, as the sample's model-2).
/// </summary>
internal abstract class ScoringModel
{
    protected ScoringModel(string name)
    {
        Name = name;
    }

    /// <summary>The model's name from its file.</summary>
    public string Name { get; }

    /// <summary>A row of zeros the model accepts: the input the warm-up scores.</summary>
    public abstract double[] ZeroRow { get; }

    /// <summary>One prediction per row; null with <paramref name="error"/> set when the rows do not fit the model.</summary>
    public abstract double[]? Predict(IReadOnlyList<double[]> rows, out string? error);

    /// <summary>Loads a model file; null with <paramref name="error"/> set when the file is missing or malformed.</summary>
    public static ScoringModel? Load(string path, out string? error)
    {
        if (!File.Exists(path))
        {
            error = $"model file '{path}' does not exist";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileNameWithoutExtension(path);
            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            switch (kind)
            {
                case "linear":
                    var coefficients = root.GetProperty("coefficients").EnumerateArray().Select(c => c.GetDouble()).ToArray();
                    var intercept = root.GetProperty("intercept").GetDouble();
                    error = coefficients.Length == 0 ? $"model file '{path}': a linear model needs coefficients" : null;
                    return error is null ? new LinearModel(name, coefficients, intercept) : null;
                case "constant":
                    error = null;
                    return new ConstantModel(name, root.GetProperty("value").GetDouble());
                default:
                    error = $"model file '{path}': kind must be 'linear' or 'constant', found '{kind}'";
                    return null;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = $"model file '{path}' is malformed: {ex.Message}";
            return null;
        }
    }
}
