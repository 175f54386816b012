using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Targets.Local.Tests;

public sealed class InstanceHttpClientTests : IDisposable
{
    private readonly LoopbackPeer _peer = new();
    private readonly InstanceHttpClient _client = new("/score");

    public void Dispose()
    {
        _client.Dispose();
        _peer.Dispose();
    }

    [Fact]
    public async Task PostAsync_PooledConnectionClosedWhileIdle_SendsAgainOnANewConnection()
    {
        var first = _client.PostAsync(_peer.Uri, "{}"u8.ToArray(), "application/json");
        var server = await _peer.AcceptAsync();
        await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
        Assert.Equal("first", Encoding.UTF8.GetString((await first).Body));

        // The instance drops the idle connection (as Kestrel does after its keep-alive timeout).
        server.Shutdown(SocketShutdown.Both);
        server.Close();
        var second = _client.PostAsync(_peer.Uri, "{}"u8.ToArray(), "application/json");
        var fresh = await _peer.AcceptAsync();
        var request = await LoopbackPeer.ReadRequestAsync(fresh);
        await LoopbackPeer.SendAsync(fresh, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");

        Assert.Equal("second", Encoding.UTF8.GetString((await second).Body));
        Assert.StartsWith($"POST /score HTTP/1.1\r\nHost: {_peer.Uri.Authority}\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_NothingListening_ThrowsHttpRequestException()
    {
        var uri = _peer.Uri;
        _peer.Dispose();

        await Assert.ThrowsAsync<HttpRequestException>(async () => await _client.PostAsync(uri, "{}"u8.ToArray(), null));
    }

    [Fact]
    public async Task PostAsync_ContentTypeWithControlCharacters_IsNotForwarded()
    {
        var posting = _client.PostAsync(_peer.Uri, "{}"u8.ToArray(), "application/json\r\nX-Injected: 1");
        var server = await _peer.AcceptAsync();
        var request = await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await posting;

        Assert.DoesNotContain("Content-Type", request, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", request, StringComparison.Ordinal);
    }
}
