using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>A raw TCP server on 127.0.0.1 (any free port) that plays a scoring instance byte by byte.</summary>
internal sealed class LoopbackPeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public LoopbackPeer() => _listener.Start();

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public IPEndPoint EndPoint => new(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => _accepted.Count;

    public async Task<Socket> AcceptAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var socket = await _listener.AcceptSocketAsync(timeout.Token);
        socket.NoDelay = true;
        _accepted.Add(socket);
        return socket;
    }

    /// <summary>Reads one request (head and Content-Length body) and returns it as text.</summary>
    public static async Task<string> ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            Assert.True(read > 0, "the client closed before sending a whole request head");
            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.Latin1.GetString([.. received], 0, headEnd);
        var lengthLine = head.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        while (received.Count < headEnd + 4 + length)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            Assert.True(read > 0, "the client closed before sending the whole body");
            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.Latin1.GetString([.. received]);
    }

    /// <summary>Sends <paramref name="text"/> one byte per write, so the client reads it in as many pieces as the network allows.</summary>
    public static async Task SendByteByByteAsync(Socket socket, string text)
    {
        foreach (var b in Encoding.Latin1.GetBytes(text))
        {
            await socket.SendAsync(new[] { b }, SocketFlags.None);
        }
    }

    public static Task SendAsync(Socket socket, string text) => socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None);

    public void Dispose()
    {
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }

    private static int IndexOfHeadEnd(List<byte> received)
    {
        for (var i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
