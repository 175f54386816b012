namespace AzureMlEmulator;

/// <summary>
/// A host lifetime that does not listen to Ctrl+C or SIGTERM: an emulator lives inside test processes, whose
/// signals are not its business. The standalone <c>Program</c> handles signals itself.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
