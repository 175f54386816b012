using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orchestrator.Api.Tests;

namespace Orchestrator.Auth.Tests;

/// <summary>Never open by default: the first start prints an admin key once; later starts print nothing.</summary>
public sealed partial class AdminKeyBootstrapperTests : IDisposable
{
    private readonly string _databasePath = ApiTestHost.NewDatabasePath();

    [Fact]
    public async Task Start_NoKeys_LogsAWorkingAdminKeyOnceAndNeverAgainOnRestart()
    {
        string printed;
        await using (var first = await ApiTestHost.StartAsync(new ApiTestHostOptions(_databasePath, ConfiguredAdminKey: false)))
        {
            var warnings = first.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.EventId.Id == 5000).ToList();
            printed = PrintedKey().Match(Assert.Single(warnings).Message).Value;
            Assert.StartsWith(ApiKeySecret.Prefix, printed, StringComparison.Ordinal);

            using var withPrinted = await first.Client(printed).GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
            using var anonymous = await first.Client().GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, withPrinted.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        await using var restarted = await ApiTestHost.StartAsync(new ApiTestHostOptions(_databasePath, ConfiguredAdminKey: false));

        Assert.DoesNotContain(restarted.Logs.Entries, e => e.EventId.Id == 5000 || e.Message.Contains(printed, StringComparison.Ordinal));
        using var afterRestart = await restarted.Client(printed).GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
    }

    [Fact]
    public async Task Start_ConfiguredAdminKey_InstallsItWithoutPrintingAnyKey()
    {
        await using var host = await ApiTestHost.StartAsync(new ApiTestHostOptions(_databasePath));

        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 5000);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(host.AdminKey!, StringComparison.Ordinal));
        using var response = await host.Client(host.AdminKey).GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_ConfiguredAdminKeyTooShort_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ApiTestHost.StartAsync(new ApiTestHostOptions(
            _databasePath,
            Settings: new Dictionary<string, string?> { ["Orchestrator:Api:AdminKey"] = "short", ["Orchestrator:Api:MaxPlanBytes"] = "1" })));

        Assert.Contains("Orchestrator:Api:AdminKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Orchestrator:Api:MaxPlanBytes", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var directory = Path.GetDirectoryName(_databasePath)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"rok_[A-Za-z0-9_-]+")]
    private static partial Regex PrintedKey();
}
