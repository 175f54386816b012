using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Orchestrator.Targets.Local;

/// <summary>
/// Posts scoring requests to instances over pooled keep-alive HTTP/1.1 connections (ADR-008: the two HTTP exchanges
/// are the host's cost, and the scoring server is ours, so the client hop is the small piece we write). Every
/// failure of the instance is an <see cref="HttpRequestException"/>; cancellation is an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class InstanceHttpClient : IDisposable
{
    // Pools go with the instance's address object, which goes with its process: a restarted instance has a new
    // one, and the old pool's sockets are closed when it is collected (or when the host stops).
    private readonly ConditionalWeakTable<Uri, Http1ConnectionPool> _pools = [];
    private readonly string _path;
    private volatile bool _disposed;

    /// <param name="path">The path every request goes to (the scoring route).</param>
    public InstanceHttpClient(string path) => _path = path;

    /// <summary>POSTs <paramref name="body"/> to <paramref name="instance"/> and reads the whole answer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1Response> PostAsync(Uri instance, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // TryGetValue first: the factory delegate captures this and would be allocated on every request.
        if (!_pools.TryGetValue(instance, out var pool))
        {
            pool = _pools.GetValue(instance, i => new Http1ConnectionPool(i, _path));
        }

        var sendable = contentType is not null && !contentType.AsSpan().ContainsAnyInRange('\0', '\x1f') ? contentType : null;
        while (true)
        {
            var pooled = pool.TryRent();
            var connection = pooled;
            try
            {
                connection ??= await Http1Connection.ConnectAsync(pool.EndPoint, cancellationToken).ConfigureAwait(false);
                var answer = await connection.PostAsync(pool.Prefix, body, sendable, cancellationToken).ConfigureAwait(false);
                pool.Return(connection);
                return answer;
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or ObjectDisposedException)
            {
                connection?.Dispose();

                // A kept connection the instance closed while it was idle fails before any answer: scoring is a pure
                // function, so the request goes again on a new connection (a dead instance then refuses to connect).
                if (pooled is not null && !pooled.ReceivedAny && !cancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                throw ex as HttpRequestException ?? new HttpRequestException($"the instance at {instance.Authority} failed: {ex.Message}", ex);
            }
            catch
            {
                connection?.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var (_, pool) in _pools)
        {
            pool.Dispose();
        }
    }
}
