using System.Text.Json;

namespace Orchestrator.Targets.Local;

/// <summary>
/// Reads and writes <c>local-endpoints.json</c> in the data directory. A write goes to a temporary file that is
/// flushed to disk and renamed over the old one, so a crash mid-write leaves the previous file whole. The file
/// holds the endpoint keys, so on Unix it is readable by its owner only.
/// </summary>
internal sealed class LocalEndpointStore(string dataDirectory)
{
    public const string FileName = "local-endpoints.json";

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>The stored endpoints; none when the file does not exist yet.</summary>
    /// <exception cref="InvalidOperationException">The file exists but cannot be read; the message names it.</exception>
    public async Task<IReadOnlyList<EndpointRecord>> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            var stream = File.OpenRead(Path);
            await using (stream.ConfigureAwait(false))
            {
                var record = await JsonSerializer.DeserializeAsync(stream, LocalEndpointJsonContext.Default.LocalHostRecord, cancellationToken).ConfigureAwait(false);
                return record?.Endpoints ?? [];
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"the local endpoint store '{Path}' is not valid ({ex.Message}); fix or remove it", ex);
        }
    }

    /// <summary>Replaces the file atomically with these endpoints.</summary>
    public async Task SaveAsync(IReadOnlyList<EndpointRecord> endpoints, CancellationToken cancellationToken = default)
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
                await JsonSerializer.SerializeAsync(stream, new LocalHostRecord(LocalHostRecord.CurrentVersion, endpoints), LocalEndpointJsonContext.Default.LocalHostRecord, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
