using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>The forwarder's connections: a registered port goes through its Unix domain socket, any other over TCP.</summary>
public sealed class ScoringSocketsTests
{
    [Fact]
    public async Task ConnectAsync_RegisteredPort_GoesThroughTheSocketAndUnregisterFallsBackToTcp()
    {
        var path = ScoringSockets.NewPath();
        using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        unix.Bind(new UnixDomainSocketEndPoint(path));
        unix.Listen();
        using var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen();
        var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var servers = Task.WhenAll(AnswerAsync(unix, "unix", stop.Token), AnswerAsync(tcp, "tcp", stop.Token));
        var sockets = new ScoringSockets();
        var uri = new Uri($"http://127.0.0.1:{port}/score");

        sockets.Register(port, path);
        var registered = await GetAsync(sockets, uri, stop.Token);
        sockets.Unregister(port, path);
        var unregistered = await GetAsync(sockets, uri, stop.Token);

        Assert.Equal("unix", registered);
        Assert.Equal("tcp", unregistered);
        Assert.False(File.Exists(path), "the socket's file is deleted with its registration");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => servers);
    }

    [Fact]
    public void Unregister_AnotherPathForThePort_KeepsTheCurrentRegistration()
    {
        var sockets = new ScoringSockets();
        var (stale, current) = (ScoringSockets.NewPath(), ScoringSockets.NewPath());
        sockets.Register(5000, current);

        sockets.Unregister(5000, stale);

        Assert.True(sockets.TryGet(5000, out var path));
        Assert.Equal(current, path);
        Assert.NotEqual(stale, current);
    }

    [Fact]
    public void NewPath_EachProcessGetsItsOwnSocketInTheTempFolder()
    {
        var (first, second) = (ScoringSockets.NewPath(), ScoringSockets.NewPath());

        Assert.NotEqual(first, second);
        Assert.Equal(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar), Path.GetDirectoryName(first));
        Assert.EndsWith(".sock", first, StringComparison.Ordinal);

        // sockaddr_un holds 104 (macOS) to 108 (Linux) bytes: the name itself stays short.
        Assert.True(Path.GetFileName(first).Length <= 40, first);
    }

    /// <summary>One request with a fresh connection pool (a pooled connection would hide where the next one goes).</summary>
    private static async Task<string> GetAsync(ScoringSockets sockets, Uri uri, CancellationToken cancellationToken)
    {
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = sockets.ConnectAsync, UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await invoker.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Answers every connection with one fixed HTTP/1.1 response naming the listener.</summary>
    private static async Task AnswerAsync(Socket listener, string name, CancellationToken cancellationToken)
    {
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {name.Length}\r\nConnection: close\r\n\r\n{name}");
        while (true)
        {
            using var connection = await listener.AcceptAsync(cancellationToken);
            var buffer = new byte[4096];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await connection.ReceiveAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await connection.SendAsync(response, cancellationToken);
            connection.Shutdown(SocketShutdown.Both);
        }
    }
}
