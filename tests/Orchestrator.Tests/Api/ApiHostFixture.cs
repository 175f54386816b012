namespace Orchestrator.Api.Tests;

/// <summary>One API host shared by the tests of a class (each test uses its own endpoint names).</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private ApiTestHost? _host;

    internal ApiTestHost Host => _host ?? throw new InvalidOperationException("the host has not started");

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
