using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Orchestrator.Targets.Local;

/// <summary>
/// <c>local-endpoints.journal.0</c> and <c>.1</c>: the newest endpoint states, each overwritten in place by one write
/// and never flushed to disk, so a traffic update can be acknowledged in microseconds instead of waiting ~5 ms (p99 15–25 ms on this
/// machine) for an fsync and a rename. The write reaches the OS page cache before the update is acknowledged,
/// so it survives the host process being killed (kill -9) at any point after; only a power loss or an OS crash
/// can lose it, and for that the host writes <c>local-endpoints.json</c> durably in the background moments later
/// (see <see cref="LocalEndpointHost"/>). That is the guarantee the rollout store gives too: SQLite in WAL mode
/// with <c>synchronous=NORMAL</c> does not fsync on commit either.
/// </summary>
/// <remarks>
/// Layout: "LEJ1", the payload length (int32, little endian), the payload's SHA-256, the payload (the same JSON
/// as the main file, sequence included). A torn or partial record (a power loss mid-write, or a process killed
/// inside the write, before the update was acknowledged) fails the hash and is ignored. States alternate between
/// the two files by sequence, so a torn write never destroys the state acknowledged before it.
/// </remarks>
internal sealed class LocalEndpointJournal(string path)
{
    private const int HeaderBytes = 4 + 4 + 32;
    private static readonly byte[] Magic = "LEJ1"u8.ToArray();

    /// <summary>The two journal files (<c>{path}.0</c> holds even sequence numbers, <c>{path}.1</c> odd ones).</summary>
    public IReadOnlyList<string> Paths { get; } = [$"{path}.0", $"{path}.1"];

    /// <summary>Overwrites the older journal file with <paramref name="record"/> in one write, not flushed to disk.</summary>
    public void Write(LocalHostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payload = JsonSerializer.SerializeToUtf8Bytes(record, LocalEndpointJsonContext.Default.LocalHostRecord);
        var buffer = new byte[HeaderBytes + payload.Length];
        Magic.CopyTo(buffer, 0);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), payload.Length);
        SHA256.HashData(payload, buffer.AsSpan(8, 32));
        payload.CopyTo(buffer, HeaderBytes);

        // Unbuffered, at offset 0: one pwrite. Bytes past the record (a longer older one) are ignored by the length.
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = Paths[(int)(record.Sequence & 1)];
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var stream = new FileStream(file, options);
        stream.Write(buffer);
    }

    /// <summary>The newest whole journaled state, or null when there is none (see remarks).</summary>
    public async Task<LocalHostRecord?> ReadAsync(CancellationToken cancellationToken = default)
    {
        LocalHostRecord? newest = null;
        foreach (var file in Paths)
        {
            var record = await ReadAsync(file, cancellationToken).ConfigureAwait(false);
            if (record is not null && (newest is null || record.Sequence > newest.Sequence))
            {
                newest = record;
            }
        }

        return newest;
    }

    private static async Task<LocalHostRecord?> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (length < 0 || length > bytes.Length - HeaderBytes)
        {
            return null;
        }

        var payload = bytes.AsSpan(HeaderBytes, length);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        if (!hash.SequenceEqual(bytes.AsSpan(8, 32)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, LocalEndpointJsonContext.Default.LocalHostRecord);
        }
        catch (JsonException)
        {
            // The hash matched, so this is not a torn write but a record we cannot read: the main file decides.
            return null;
        }
    }
}
