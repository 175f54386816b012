using Tests.Common;

namespace Orchestrator.Plans.Tests;

/// <summary>Files a plan names (model, scoring code, smoke-test request) are checked when the plan is parsed: at validate, run and submit.</summary>
public class PlanFileTests
{
    private const string Target = "target: {kind: local, endpoint: my-endpoint}\n";
    private const string AzureTarget = "target: {kind: azureml, endpoint: ep, subscription: 00000000-0000-0000-0000-000000000001, resourceGroup: rg, workspace: ws1}\n";

    [Fact]
    public void Parse_MissingModelFiles_ReportsEachWithItsResolvedPathAndEveryOtherError()
    {
        var errors = TestPlans.Refused(Target + """
            baseline: {name: blue, spec: {model: models/old.onnx}}
            candidate: {name: green, spec: {model: models/x.onnx, instance_count: 0}}
            steps: [deploy, {smokeTest: {requestFile: requests/none.json}}, {traffic: {percent: 100}}]
            """);

        Assert.Contains($"baseline.spec.model: file 'models/old.onnx' not found (resolved to {RepoRoot.Combine("examples", "models", "old.onnx")})", errors);
        Assert.Contains($"candidate.spec.model: file 'models/x.onnx' not found (resolved to {RepoRoot.Combine("examples", "models", "x.onnx")})", errors);
        Assert.Contains($"steps[1].smokeTest.requestFile: file 'requests/none.json' not found (resolved to {RepoRoot.Combine("examples", "requests", "none.json")})", errors);
        Assert.Contains("candidate.spec.instance_count: 0 is below 1", errors);
    }

    [Fact]
    public void Parse_ModelIsAFolder_SaysItIsAFolder()
    {
        var errors = TestPlans.Refused(Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: ../samples/models}}\n");

        Assert.Equal([$"candidate.spec.model: '../samples/models' is a folder, not a file (resolved to {RepoRoot.Combine("samples", "models")})"], errors);
    }

    [Fact]
    public void Parse_LocalCodeFolderMissing_ReportsItsResolvedPath()
    {
        var errors = TestPlans.Refused(Target + """
            baseline: {name: blue}
            candidate: {name: green, spec: {model: ../samples/models/model-2.json, code_configuration: {code: ./onlinescoring, scoring_script: score.py}}}
            """);

        Assert.Equal([$"candidate.spec.code_configuration.code: folder './onlinescoring' not found (resolved to {RepoRoot.Combine("examples", "onlinescoring")})"], errors);
    }

    [Fact]
    public void Parse_AzureMlCodeAsALocalFolder_IsRefusedBeforeTheDeployStep()
    {
        var errors = TestPlans.Refused(AzureTarget + """
            baseline: {name: blue}
            candidate: {name: green, spec: {model: azureml:m:1, code_configuration: {code: ../samples, scoring_script: score.py}}}
            """);

        Assert.Equal(["candidate.spec.code_configuration.code: '../samples' is a local folder, but the Azure ML target uploads nothing: register it (az ml code create) and write azureml:<name>:<version>"], errors);
    }

    [Theory]
    [InlineData("azureml:score-code:1")]
    [InlineData("azureml://registries/shared/codes/score/versions/1")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/codes/score/versions/1")]
    public void Parse_AzureMlCodeAsset_IsKeptAsWritten(string code)
    {
        var plan = TestPlans.Valid(AzureTarget + "baseline: {name: blue}\n" +
            $"candidate: {{name: green, spec: {{model: azureml:m:1, code_configuration: {{code: \"{code}\", scoring_script: score.py}}}}}}\n");

        Assert.Equal(code, plan.Candidate.Spec.CodeConfiguration!.Code);
    }

    [Fact]
    public void Parse_ExistingModel_IsStoredAbsolute()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal);

        Assert.Equal(RepoRoot.Combine("samples", "models", "model-2.json"), plan.Candidate.Spec.Model);
    }
}
