using Orchestrator.Api.Tests;
using Tests.Common;

namespace Orchestrator.Webhooks.Tests;

/// <summary>One API host with two webhook senders and a test clock, shared by the tests of a class (each uses its own endpoints).</summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public const string Sender = "ci";
    public const string Secret = "ci-secret-0123456789abcdefghijklmnopqrstuv";
    public const string OtherSender = "nightly";
    public const string OtherSecret = "nightly-secret-0123456789abcdefghijklmnopq";

    private ApiTestHost? _host;

    public TestClock Clock { get; } = new();

    internal ApiTestHost Host => _host ?? throw new InvalidOperationException("the host has not started");

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(new ApiTestHostOptions(
        Time: Clock,
        Settings: new Dictionary<string, string?>
        {
            [$"Orchestrator:Webhooks:Senders:{Sender}:Secret"] = Secret,
            [$"Orchestrator:Webhooks:Senders:{OtherSender}:Secret"] = OtherSecret,
            ["Orchestrator:Webhooks:Tolerance"] = "00:05:00",
        }));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
