using System.Net;
using System.Text;

namespace Orchestrator.Targets.Local;

/// <summary>
/// The idle keep-alive connections to one scoring instance, most recently used first, and its pre-encoded request
/// prefix. Connections are opened on demand, one per concurrent request, and kept while they are reusable.
/// </summary>
internal sealed class Http1ConnectionPool : IDisposable
{
    private const int MaxIdle = 256;

    private readonly Stack<Http1Connection> _idle = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    public Http1ConnectionPool(Uri instance, string path)
    {
        EndPoint = new IPEndPoint(IPAddress.Parse(instance.DnsSafeHost), instance.Port);
        Prefix = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {instance.Authority}\r\n");
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The request line and Host header of every request to this instance.</summary>
    public ReadOnlyMemory<byte> Prefix { get; }

    /// <summary>An idle connection, or null when a new one has to be opened.</summary>
    public Http1Connection? TryRent()
    {
        lock (_lock)
        {
            return _idle.TryPop(out var connection) ? connection : null;
        }
    }

    /// <summary>Keeps a reusable connection for the next request; closes any other.</summary>
    public void Return(Http1Connection connection)
    {
        if (connection.Reusable)
        {
            lock (_lock)
            {
                if (!_disposed && _idle.Count < MaxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }
}
