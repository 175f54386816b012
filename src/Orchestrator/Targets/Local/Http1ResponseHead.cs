using System.Buffers.Text;
using System.Text;

namespace Orchestrator.Targets.Local;

/// <summary>
/// What the forwarding client needs from an HTTP/1.1 response head (status line and headers, without the blank
/// line): the status, how the body is framed, whether the connection stays open, and the content type.
/// Anything it cannot read with certainty is refused, so a connection is never reused after a doubtful answer.
/// </summary>
/// <param name="StatusCode">The status code (200–599; 1xx is refused: the client never asks for one).</param>
/// <param name="ContentLength">The Content-Length; null when the body is chunked or absent.</param>
/// <param name="Chunked">The body is sent with <c>Transfer-Encoding: chunked</c>.</param>
/// <param name="KeepAlive">HTTP/1.1 without <c>Connection: close</c>.</param>
/// <param name="ContentType">The raw Content-Type value, or null.</param>
internal readonly record struct Http1ResponseHead(int StatusCode, long? ContentLength, bool Chunked, bool KeepAlive, string? ContentType)
{
    private const string Json = "application/json";

    /// <summary>The body's framing is known without reading to the end of the connection.</summary>
    public bool HasNoBody => StatusCode is 204 or 304;

    /// <summary>Parses a head; throws <see cref="HttpRequestException"/> for anything malformed or ambiguous.</summary>
    public static Http1ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];

        // "HTTP/1.x SSS[ reason]"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || (statusLine.Length > 12 && statusLine[12] != (byte)' ')
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status is < 200 or > 599)
        {
            throw Bad($"bad status line '{Printable(statusLine)}'");
        }

        var keepAlive = statusLine[7] == (byte)'1';
        long? length = null;
        var chunked = false;
        string? contentType = null;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw Bad($"bad header line '{Printable(line)}'");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long parsed, out var used) || used != value.Length || parsed < 0 || (length is { } seen && seen != parsed))
                {
                    throw Bad($"bad Content-Length '{Printable(value)}'");
                }

                length = parsed;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                // Only "chunked" alone is understood; any other coding cannot be framed safely.
                if (!Ascii.EqualsIgnoreCase(value, "chunked"u8))
                {
                    throw Bad($"unsupported Transfer-Encoding '{Printable(value)}'");
                }

                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                keepAlive &= !ContainsToken(value, "close"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                // The deployment's type is passed on raw; the usual one costs no allocation.
                contentType = value.SequenceEqual("application/json"u8) ? Json : Encoding.Latin1.GetString(value);
            }
        }

        if (chunked && length is not null)
        {
            throw Bad("both Content-Length and Transfer-Encoding: chunked");
        }

        var parsedHead = new Http1ResponseHead(status, chunked ? null : length, chunked, keepAlive, contentType);
        if (!chunked && length is null && !parsedHead.HasNoBody)
        {
            // A body delimited by the end of the connection: not something our scoring server sends.
            throw Bad("a response without Content-Length or chunked encoding");
        }

        return parsedHead;
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static HttpRequestException Bad(string message) => new($"the instance sent an invalid HTTP response: {message}");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
