using System.Text;

namespace Orchestrator.Targets.Local.Tests;

public sealed class Http1ConnectionTests : IDisposable
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"data": [[1,2,3]]}""");
    private readonly LoopbackPeer _peer = new();

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task PostAsync_ResponseInOneByteReads_ReadsStatusBodyAndContentType()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();

        var posting = connection.PostAsync(Prefix, Body, "application/json");
        var request = await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendByteByByteAsync(server, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 12\r\n\r\n[1.5, 2.25]\n");
        var answer = await posting;

        Assert.Equal("POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n{\"data\": [[1,2,3]]}", request);
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("[1.5, 2.25]\n", Encoding.UTF8.GetString(answer.Body));
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.True(connection.Reusable);
    }

    [Fact]
    public async Task PostAsync_KeepAlive_SecondRequestGoesOverTheSameConnection()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();

        foreach (var answerText in (string[])["first", "second"])
        {
            var posting = connection.PostAsync(Prefix, Body, null);
            var request = await LoopbackPeer.ReadRequestAsync(server);
            await LoopbackPeer.SendAsync(server, $"HTTP/1.1 500 Internal Server Error\r\nContent-Length: {answerText.Length}\r\n\r\n{answerText}");
            var answer = await posting;

            Assert.DoesNotContain("Content-Type", request, StringComparison.Ordinal);
            Assert.Equal((500, answerText), (answer.StatusCode, Encoding.UTF8.GetString(answer.Body)));
        }

        Assert.Equal(1, _peer.Accepted);
    }

    [Fact]
    public async Task PostAsync_ChunkedWithExtensionsAndTrailers_ReadsTheWholeBody()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();

        var posting = connection.PostAsync(Prefix, Body, "application/json");
        await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendByteByByteAsync(server, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: 1\r\n\r\n");
        var answer = await posting;

        Assert.Equal("hello, chunked!", Encoding.UTF8.GetString(answer.Body));
        Assert.Null(answer.ContentType);
        Assert.True(connection.Reusable);
    }

    [Theory]
    [InlineData("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\nbody until close")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n")]
    public async Task PostAsync_MalformedResponse_FailsAndDropsTheConnection(string response)
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);

        var error = await FailWithAsync(connection, response);

        Assert.Contains("the instance", error.Message, StringComparison.Ordinal);
        Assert.False(connection.Reusable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Le")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")]
    public async Task PostAsync_InstanceClosesEarly_FailsAndDropsTheConnection(string partial)
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);

        var error = await FailWithAsync(connection, partial);

        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
        Assert.Equal(partial.Length > 0, connection.ReceivedAny);
        Assert.False(connection.Reusable);
    }

    [Fact]
    public async Task PostAsync_ConnectionClose_AnswersButIsNotReusable()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();

        var posting = connection.PostAsync(Prefix, Body, null);
        await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, "HTTP/1.1 404 Not Found\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n");
        var answer = await posting;

        Assert.Equal(404, answer.StatusCode);
        Assert.Empty(answer.Body);
        Assert.False(connection.Reusable);
    }

    [Fact]
    public async Task PostAsync_BytesBeyondTheAnswer_AnswersButIsNotReusable()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();

        var posting = connection.PostAsync(Prefix, Body, null);
        await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");
        var answer = await posting;

        Assert.Equal("ok", Encoding.UTF8.GetString(answer.Body));
        Assert.False(connection.Reusable);
    }

    [Fact]
    public async Task PostAsync_Cancelled_ThrowsOperationCanceledAndDropsTheConnection()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();
        using var cancel = new CancellationTokenSource();

        var posting = connection.PostAsync(Prefix, Body, null, cancel.Token);
        await LoopbackPeer.ReadRequestAsync(server);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await posting);
        Assert.False(connection.Reusable);
    }

    [Fact]
    public async Task PostAsync_LargeBody_SendsItWhole()
    {
        using var connection = await Http1Connection.ConnectAsync(_peer.EndPoint);
        var server = await _peer.AcceptAsync();
        var large = Encoding.ASCII.GetBytes(new string('x', 300_000));

        var posting = connection.PostAsync(Prefix, large, "text/plain");
        var request = await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await posting;

        Assert.EndsWith("Content-Length: 300000\r\n\r\n" + new string('x', 300_000), request, StringComparison.Ordinal);
    }

    /// <summary>Answers one request with <paramref name="response"/>, closes the sending side, and returns the client's error.</summary>
    private async Task<HttpRequestException> FailWithAsync(Http1Connection connection, string response)
    {
        var server = await _peer.AcceptAsync();
        var posting = connection.PostAsync(Prefix, Body, null);
        await LoopbackPeer.ReadRequestAsync(server);
        await LoopbackPeer.SendAsync(server, response);
        server.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        return await Assert.ThrowsAsync<HttpRequestException>(async () => await posting);
    }
}
