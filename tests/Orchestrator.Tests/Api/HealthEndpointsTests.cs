using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Api.Tests;

/// <summary>Health is anonymous: live answers while the process runs, ready only while the database answers.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Ready_DatabaseAnswers_Returns200Healthy()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_DatabaseFails_Returns503ButLiveStays200()
    {
        await using var host = await ApiTestHost.StartAsync(new ApiTestHostOptions(
            Services: services => services.AddSingleton<IRolloutStore, UnreachableStore>()));

        using var ready = await host.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await host.Client().GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("database is locked", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>A store whose database does not answer.</summary>
    private sealed class UnreachableStore : IRolloutStore
    {
        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<Rollout>> ListAsync(RolloutFilter filter, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("database is locked");

        public Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Rollout>> ListActiveAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Rollout>> ListQueuedAsync(string? endpointKey = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task InsertAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Rollout> UpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AppendAuditAsync(IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AppendGateRoundAsync(Guid rolloutId, int stepIndex, GateRound round, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Rollout> AppendGateRoundAndUpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, int stepIndex, GateRound round, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<GateRound>> GetGateRoundsAsync(Guid rolloutId, int? stepIndex = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEvent>> GetAuditAsync(Guid rolloutId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SequencedAuditEvent>> GetAuditPageAsync(Guid rolloutId, long after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SequencedGateRound>> GetGateRoundPageAsync(Guid rolloutId, long after, int limit, int? stepIndex = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<SequencedGateRound?> GetLastGateRoundAsync(Guid rolloutId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> FindCommandResultAsync(string requestId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SaveCommandResultAsync(string requestId, string commandName, string resultJson, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
