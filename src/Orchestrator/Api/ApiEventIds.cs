namespace Orchestrator.Api;

/// <summary>Event ids of the API and of API-key authentication (range 5000–5099).</summary>
internal static class ApiEventIds
{
    public const int AdminKeyCreated = 5000;
    public const int AdminKeyFromConfiguration = 5001;
    public const int KeyRejected = 5002;
    public const int KeyCreated = 5003;
    public const int KeyRevoked = 5004;
    public const int UnhandledException = 5010;
    public const int BadRequest = 5011;
    public const int ActualTrafficUnavailable = 5020;
}
