using System.Text.Json;

namespace Orchestrator.Targets.Local;

/// <summary>
/// Reads and writes <c>local-endpoints.json</c> in the data directory, and its <see cref="LocalEndpointJournal"/>.
/// A durable write goes to a temporary file that is flushed to disk and renamed over the old one, so a crash
/// mid-write leaves the previous file whole. Every state carries a sequence number; on load the journal wins when
/// it is newer. Both files hold the endpoint keys, so on Unix they are readable by their owner only.
/// </summary>
internal sealed class LocalEndpointStore(string dataDirectory)
{
    public const string FileName = "local-endpoints.json";

    public const string JournalFileName = "local-endpoints.journal";

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>The fast, not flushed, copy of the newest state.</summary>
    public LocalEndpointJournal Journal { get; } = new(System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, JournalFileName)));

    /// <summary>The newest stored state: the journal's when it is newer than the file's; none when neither exists yet.</summary>
    /// <exception cref="InvalidOperationException">The file exists but cannot be read; the message names it.</exception>
    public async Task<LocalHostRecord> LoadAsync(CancellationToken cancellationToken = default)
    {
        var saved = await LoadFileAsync(cancellationToken).ConfigureAwait(false);
        var journaled = await Journal.ReadAsync(cancellationToken).ConfigureAwait(false);
        return journaled is not null && journaled.Sequence > saved.Sequence ? journaled : saved;
    }

    /// <summary>Replaces the file atomically and durably with this state.</summary>
    public async Task SaveAsync(LocalHostRecord record, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, record, LocalEndpointJsonContext.Default.LocalHostRecord, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<LocalHostRecord> LoadFileAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return LocalHostRecord.Empty;
        }

        try
        {
            var stream = File.OpenRead(Path);
            await using (stream.ConfigureAwait(false))
            {
                var record = await JsonSerializer.DeserializeAsync(stream, LocalEndpointJsonContext.Default.LocalHostRecord, cancellationToken).ConfigureAwait(false);
                return record ?? LocalHostRecord.Empty;
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"the local endpoint store '{Path}' is not valid ({ex.Message}); fix or remove it (to start afresh, remove {JournalFileName}.0 and .1 beside it too)", ex);
        }
    }
}
