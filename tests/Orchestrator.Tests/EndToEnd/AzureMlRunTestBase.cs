namespace Orchestrator.EndToEnd.Tests;

/// <summary>A fresh <see cref="AzureMlRunHarness"/> (emulator, files, data folder) for each test of a run-verb class.</summary>
public abstract class AzureMlRunTestBase : IAsyncLifetime
{
    private AzureMlRunHarness? _harness;

    internal AzureMlRunHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    /// <summary>Requests a second the emulator scores on the endpoint itself, so the gates have data.</summary>
    protected virtual double Load => 20;

    public async Task InitializeAsync()
    {
        _harness = await AzureMlRunHarness.StartAsync(Load);
        await PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Seeds the emulator and writes the plan every test of the class starts from.</summary>
    protected abstract Task PrepareAsync();
}
