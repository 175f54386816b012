using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Orchestrator.Targets.Local;

/// <summary>
/// One keep-alive HTTP/1.1 connection to a scoring instance, one exchange at a time: the request goes out in one
/// write (pre-encoded prefix, headers, body), the response is read into the connection's own buffer, which lives
/// as long as the connection in its pool. Any doubt about the protocol ends the connection (<see cref="Reusable"/>).
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private const int InitialBuffer = 4096;
    private const int MaxHead = 64 * 1024;
    private const int MaxBody = 256 * 1024 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[InitialBuffer];
    private byte[] _send = new byte[InitialBuffer];
    private int _pos;
    private int _end;

    private Http1Connection(Socket socket) => _socket = socket;

    /// <summary>False once an exchange failed, was cancelled, or the instance asked to close.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>Whether the current exchange has read any byte of the response (a failure before that may be retried).</summary>
    public bool ReceivedAny { get; private set; }

    public static async Task<Http1Connection> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint).ConfigureAwait(false);
            return new Http1Connection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>POSTs <paramref name="body"/> and reads the whole answer. On any exception the connection is not reusable.</summary>
    /// <param name="prefix">The request line and Host header, pre-encoded, each line ending in CRLF.</param>
    /// <param name="body">The request body.</param>
    /// <param name="contentType">The Content-Type to send (Latin-1, no control characters), or null.</param>
    /// <param name="cancellationToken">Cancels the exchange (the connection is then dropped).</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1Response> PostAsync(ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        ReceivedAny = false;
        Reusable = false;

        // One registration per exchange instead of one per socket call: cancelling closes the socket, which ends
        // whatever read or write is pending.
        var registration = cancellationToken.UnsafeRegister(static state => ((Http1Connection)state!).Dispose(), this);
        Http1Response response;
        try
        {
            response = await ExchangeAsync(prefix, body, contentType).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("the exchange was cancelled", ex, cancellationToken);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }

        // Cancelled just after the answer: the socket may be closed already.
        Reusable &= !cancellationToken.IsCancellationRequested;
        return response;
    }

    public void Dispose() => _socket.Dispose();

    // The reads and writes below take no token: cancellation closes the socket (see PostAsync).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Http1Response> ExchangeAsync(ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> body, string? contentType)
    {
        var headLength = WriteHead(prefix.Span, contentType, body.Length);
        if (headLength + body.Length <= _send.Length)
        {
            body.Span.CopyTo(_send.AsSpan(headLength));
            await SendAllAsync(_send.AsMemory(0, headLength + body.Length)).ConfigureAwait(false);
        }
        else
        {
            await SendAllAsync(_send.AsMemory(0, headLength)).ConfigureAwait(false);
            await SendAllAsync(body).ConfigureAwait(false);
        }

        var head = await ReadHeadAsync().ConfigureAwait(false);
        var answer = head.Chunked ? await ReadChunkedAsync().ConfigureAwait(false)
            : head.ContentLength is { } length ? await ReadExactAsync(length).ConfigureAwait(false)
            : [];

        // Bytes after the answer were never asked for: the stream is out of step.
        Reusable = head.KeepAlive && _pos == _end;
        _pos = _end = 0;
        return new Http1Response(head.StatusCode, answer, head.ContentType);
    }

    private int WriteHead(ReadOnlySpan<byte> prefix, string? contentType, int bodyLength)
    {
        var needed = prefix.Length + (contentType?.Length ?? 0) + 64;
        if (_send.Length < needed + Math.Min(bodyLength, MaxHead))
        {
            _send = new byte[Math.Max(needed + Math.Min(bodyLength, MaxHead), _send.Length * 2)];
        }

        var span = _send.AsSpan();
        prefix.CopyTo(span);
        var at = prefix.Length;
        if (contentType is not null)
        {
            "Content-Type: "u8.CopyTo(span[at..]);
            at += 14;
            at += Encoding.Latin1.GetBytes(contentType, span[at..]);
            "\r\n"u8.CopyTo(span[at..]);
            at += 2;
        }

        "Content-Length: "u8.CopyTo(span[at..]);
        at += 16;
        Utf8Formatter.TryFormat(bodyLength, span[at..], out var written);
        at += written;
        "\r\n\r\n"u8.CopyTo(span[at..]);
        return at + 4;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Http1ResponseHead> ReadHeadAsync()
    {
        var searched = 0;
        while (true)
        {
            var end = _buffer.AsSpan(searched, _end - searched).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Http1ResponseHead.Parse(_buffer.AsSpan(0, searched + end));
                _pos = searched + end + 4;
                return head;
            }

            searched = Math.Max(0, _end - 3);
            await FillAsync(MaxHead, "its response head").ConfigureAwait(false);
        }
    }

    private async ValueTask<byte[]> ReadExactAsync(long length)
    {
        if (length > MaxBody)
        {
            throw new HttpRequestException($"the instance's response body of {length} bytes exceeds {MaxBody} bytes");
        }

        var body = length == 0 ? [] : new byte[length];
        var buffered = Math.Min(_end - _pos, body.Length);
        _buffer.AsSpan(_pos, buffered).CopyTo(body);
        _pos += buffered;
        for (var at = buffered; at < body.Length;)
        {
            var read = await _socket.ReceiveAsync(body.AsMemory(at), SocketFlags.None).ConfigureAwait(false);
            at += read > 0 ? read : throw EarlyClose("its response body");
        }

        return body;
    }

    /// <summary>A chunked body (RFC 9112 §7.1): size lines in hex (extensions ignored), data, CRLF; trailers skipped.</summary>
    private async ValueTask<byte[]> ReadChunkedAsync()
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var line = await ReadLineAsync().ConfigureAwait(false);
            var sizeText = _buffer.AsSpan(line.Start, line.Length);
            var semicolon = sizeText.IndexOf((byte)';');
            sizeText = (semicolon >= 0 ? sizeText[..semicolon] : sizeText).Trim(" \t"u8);
            if (!Utf8Parser.TryParse(sizeText, out long size, out var used, 'x') || used != sizeText.Length || sizeText.Length > 8 || body.WrittenCount + size > MaxBody)
            {
                throw new HttpRequestException("the instance sent an invalid HTTP response: bad chunk size");
            }

            if (size == 0)
            {
                // Trailers, if any, up to the empty line.
                while ((await ReadLineAsync().ConfigureAwait(false)).Length > 0)
                {
                }

                return body.WrittenSpan.ToArray();
            }

            for (var left = size; left > 0;)
            {
                if (_pos == _end)
                {
                    await FillAsync(MaxHead, "a chunk").ConfigureAwait(false);
                }

                var take = (int)Math.Min(left, _end - _pos);
                body.Write(_buffer.AsSpan(_pos, take));
                _pos += take;
                left -= take;
            }

            if ((await ReadLineAsync().ConfigureAwait(false)).Length != 0)
            {
                throw new HttpRequestException("the instance sent an invalid HTTP response: a chunk longer than its size");
            }
        }
    }

    /// <summary>The next CRLF-terminated line (start and length in <see cref="_buffer"/>, which stays valid until the next read).</summary>
    private async ValueTask<(int Start, int Length)> ReadLineAsync()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_pos, _end - _pos).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = (_pos, end);
                _pos += end + 2;
                return line;
            }

            await FillAsync(MaxHead, "a chunk line").ConfigureAwait(false);
        }
    }

    /// <summary>Reads more into the buffer after what is unread, moving it to the front or growing it up to <paramref name="limit"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(int limit, string reading)
    {
        if (_pos > 0 && _end == _buffer.Length)
        {
            _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
            (_end, _pos) = (_end - _pos, 0);
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= limit)
            {
                throw new HttpRequestException($"the instance sent an invalid HTTP response: {reading} exceeds {limit} bytes");
            }

            Array.Resize(ref _buffer, Math.Min(limit, _buffer.Length * 2));
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
        if (read == 0)
        {
            throw EarlyClose(reading);
        }

        ReceivedAny = true;
        _end += read;
    }

    private static HttpRequestException EarlyClose(string reading) =>
        new($"the instance closed the connection while sending {reading}");
}
