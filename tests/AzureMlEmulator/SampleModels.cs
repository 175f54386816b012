using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>
/// The walkthrough's two models as pure functions (contract §5.2): model-1 is the 10-feature linear regression of
/// sklearn_regression_model.pkl; model-2 ignores its input and answers <c>[0.5, 0.5]</c>.
/// </summary>
public static class SampleModels
{
    /// <summary>model-1's coefficients.</summary>
    public static readonly IReadOnlyList<double> Coefficients =
    [
        0.3034995490660758, -237.63931533353468, 510.5306054362256, 327.7369804093469, -814.1317093725376,
        492.8145879837301, 102.84845219167944, 184.60648905984073, 743.5196167505414, 76.09517221662335,
    ];

    /// <summary>model-1's intercept.</summary>
    public const double Intercept = 152.76430691633442;

    /// <summary>The inference server's answer when <c>run()</c> raises.</summary>
    public const string ScoringScriptError = "{\"message\": \"An unexpected error occurred in scoring script. Check the logs for more info.\"}";

    /// <summary>Scores a request body: (true, JSON array) or (false, the inference server's error body).</summary>
    public static (bool Ok, string Body) Score(bool constantModel, string requestBody)
    {
        if (constantModel)
        {
            return (true, "[0.5, 0.5]");
        }

        try
        {
            var rows = (JsonNode.Parse(requestBody)?["data"] as JsonArray) ?? throw new FormatException("no data");
            var predictions = new JsonArray();
            foreach (var row in rows)
            {
                var features = (row as JsonArray ?? throw new FormatException("row is not an array")).Select(v => v!.GetValue<double>()).ToArray();
                if (features.Length != Coefficients.Count)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"expected {Coefficients.Count} features, got {features.Length}"));
                }

                predictions.Add(Intercept + features.Select((x, i) => x * Coefficients[i]).Sum());
            }

            return (true, predictions.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return (false, ScoringScriptError);
        }
    }
}
