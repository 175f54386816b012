using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>Where a node keeps its files: the database and the local endpoint host's state live under one data folder.</summary>
/// <param name="DataDirectory">The data folder (created when missing).</param>
public sealed record NodeSettings(string DataDirectory)
{
    /// <summary>The configuration a node built from these settings starts with (later sources may override it).</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration() => new Dictionary<string, string?>
    {
        [$"{DatabaseOptions.Section}:ConnectionString"] = $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "orchestrator.db")}",
    };

    /// <summary>The local endpoint host's folder.</summary>
    public string LocalHostDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "local");
}
