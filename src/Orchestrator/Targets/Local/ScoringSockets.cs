using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Orchestrator.Targets.Local;

/// <summary>
/// The Unix domain sockets of ready instances, by their TCP port (ADR-007). Scoring requests keep the instance's
/// <c>http://127.0.0.1:{port}/</c> address, so connection pooling, retries and logs stay as they were; only the
/// connection underneath goes through the instance's socket, which costs both processes less CPU than loopback
/// TCP. An instance without a socket (an OS without them, or before it is ready) is reached over TCP.
/// </summary>
internal sealed class ScoringSockets
{
    private readonly ConcurrentDictionary<int, string> _byPort = new();

    /// <summary>Whether instances get a socket at all.</summary>
    public static bool Supported => Socket.OSSupportsUnixDomainSockets;

    /// <summary>A fresh socket path for one process: short (Unix limits socket paths to about 100 bytes) and unguessable.</summary>
    public static string NewPath() =>
        Path.Combine(Path.GetTempPath(), $"orch-scoring-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.sock");

    /// <summary>From now on, connections to <paramref name="port"/> go through <paramref name="path"/>.</summary>
    public void Register(int port, string path) => _byPort[port] = path;

    /// <summary>The socket registered for <paramref name="port"/>, if any.</summary>
    public bool TryGet(int port, [NotNullWhen(true)] out string? path) => _byPort.TryGetValue(port, out path);

    /// <summary>Forgets the socket (if it is still the one registered for the port) and deletes its file.</summary>
    public void Unregister(int port, string path)
    {
        _byPort.TryRemove(KeyValuePair.Create(port, path));
        Delete(path);
    }

    /// <summary>Deletes a socket's file (the process is gone; Kestrel removes it itself only on a clean stop).</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover file in the temp folder harms nothing: the next process gets another name.
        }
    }

    /// <summary>The forwarder's <see cref="SocketsHttpHandler.ConnectCallback"/>: the instance's socket, else TCP.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var socket = TryGet(endPoint.Port, out var path)
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(path is null ? endPoint : new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
