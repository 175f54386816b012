using System.Text.RegularExpressions;

namespace Orchestrator.Plans;

/// <summary>
/// The names Azure ML accepts (azureml-contract.md §1.1). The local host uses the same rules, so a plan that
/// validates locally also names things Azure would accept. Each check returns null, or the reason it fails.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>Endpoint and deployment names: <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>.</summary>
    public static string? CheckEndpointOrDeployment(string name) =>
        EndpointOrDeployment().IsMatch(name)
            ? null
            : $"'{name}' is not a name Azure ML accepts: start with a letter or digit, then up to 254 letters, digits, '-' or '_'";

    /// <summary>Workspace names: <c>^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$</c>.</summary>
    public static string? CheckWorkspace(string name) =>
        Workspace().IsMatch(name)
            ? null
            : $"'{name}' is not a workspace name: 3 to 33 letters, digits, '-' or '_', starting with a letter or digit";

    /// <summary>Resource group names: 1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'.</summary>
    public static string? CheckResourceGroup(string name) =>
        ResourceGroup().IsMatch(name) && !name.EndsWith('.')
            ? null
            : $"'{name}' is not a resource group name: 1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'";

    /// <summary>Subscription ids are GUIDs.</summary>
    public static string? CheckSubscription(string id) =>
        Guid.TryParseExact(id, "D", out _)
            ? null
            : $"'{id}' is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)";

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$")]
    private static partial Regex EndpointOrDeployment();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$")]
    private static partial Regex Workspace();

    [GeneratedRegex(@"^[-\w._()]{1,90}$")]
    private static partial Regex ResourceGroup();
}
