using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>A response as it came off the socket. Header names are in lower case.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => this.Headers.TryGetValue("content-type", out string? value) ? value : null;

    public bool IsProblem => this.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true;

    public string BodyText => Encoding.UTF8.GetString(this.Body);
}

/// <summary>A streamed upload's response, and how many body bytes had gone out when the response's headers arrived.</summary>
public sealed record UploadOutcome(RawResponse Response, long SentBeforeResponse, long Sent, long BodyLength);

/// <summary>
/// HTTP/1.1 over a plain loopback socket. HttpClient resolves "../" and "%2e%2e" in a URI before it
/// sends anything, so hostile paths go out here byte for byte. An upload can be streamed while the
/// response is watched, to see whether the server responds before the body is complete. A server
/// that responds 413 before reading a body of megabytes closes the connection while the client
/// still writes. HttpClient then throws instead of returning the response, but this client reads it.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Sends one request with <c>Connection: close</c> and reads the whole response.</summary>
    /// <param name="target">The request target as it goes on the wire, such as <c>/api/agreements/%2e%2e/draft?token=x</c>.</param>
    public static async Task<RawResponse> SendAsync(Uri baseAddress, string method, string target, IEnumerable<KeyValuePair<string, string>>? headers = null, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        using CancellationTokenSource timeout = new(Timeout);
        using TcpClient client = new();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        NetworkStream stream = client.GetStream();
        List<KeyValuePair<string, string>> allHeaders = [.. headers ?? []];
        if (body is not null)
        {
            allHeaders.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
        }

        await stream.WriteAsync(Head(baseAddress, method, target, allHeaders), timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }

        return await ReadResponseAsync(stream, onHeaders: () => { }, timeout.Token);
    }

    /// <summary>
    /// Streams a body of <paramref name="bodyLength"/> bytes, <paramref name="prefix"/> followed by
    /// spaces, in 64 KiB pieces, and stops as soon as the response's headers arrive or the server
    /// closes the connection.
    /// </summary>
    /// <param name="chunked">True to send <c>Transfer-Encoding: chunked</c>, false to send <c>Content-Length</c>.</param>
    public static async Task<UploadOutcome> UploadAsync(Uri baseAddress, string method, string target, IEnumerable<KeyValuePair<string, string>> headers, byte[] prefix, long bodyLength, bool chunked)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(prefix);
        using CancellationTokenSource stop = new(Timeout);
        using TcpClient client = new() { NoDelay = true };
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, stop.Token);
        NetworkStream stream = client.GetStream();
        KeyValuePair<string, string> framing = chunked
            ? new("Transfer-Encoding", "chunked")
            : new("Content-Length", bodyLength.ToString(CultureInfo.InvariantCulture));
        await stream.WriteAsync(Head(baseAddress, method, target, [.. headers, framing]), stop.Token);

        UploadProgress progress = new();
        Task<RawResponse> reading = ReadResponseAsync(stream, progress.MarkResponse, stop.Token);
        Task writing = WriteBodyAsync(stream, prefix, bodyLength, chunked, progress, stop.Token);
        RawResponse response = await reading;
        await stop.CancelAsync();
        await writing;
        return new UploadOutcome(response, progress.SentBeforeResponse, progress.Sent, bodyLength);
    }

    private static async Task WriteBodyAsync(NetworkStream stream, byte[] prefix, long bodyLength, bool chunked, UploadProgress progress, CancellationToken cancellationToken)
    {
        byte[] piece = new byte[64 * 1024];
        try
        {
            while (progress.Sent < bodyLength && !progress.ResponseArrived)
            {
                int length = (int)Math.Min(piece.Length, bodyLength - progress.Sent);
                Array.Fill(piece, (byte)' ');
                if (progress.Sent < prefix.Length)
                {
                    int fromPrefix = (int)Math.Min(prefix.Length - progress.Sent, length);
                    Array.Copy(prefix, progress.Sent, piece, 0, fromPrefix);
                }

                if (chunked)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                    await stream.WriteAsync(piece.AsMemory(0, length), cancellationToken);
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                }
                else
                {
                    await stream.WriteAsync(piece.AsMemory(0, length), cancellationToken);
                }

                progress.AddSent(length);
            }

            if (chunked && progress.Sent == bodyLength)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The server closed the connection after its response, or the response is complete.
        }
    }

    private static byte[] Head(Uri baseAddress, string method, string target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        StringBuilder head = new();
        head.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Host: {baseAddress.Host}:{baseAddress.Port}\r\n");
        head.Append("Connection: close\r\n");
        foreach ((string name, string value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    /// <summary>Reads one response: up to its Content-Length, the end of its chunked body, or the end of the connection.</summary>
    private static async Task<RawResponse> ReadResponseAsync(NetworkStream stream, Action onHeaders, CancellationToken cancellationToken)
    {
        using MemoryStream received = new();
        byte[] buffer = new byte[64 * 1024];
        int headerEnd = -1;
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException) when (headerEnd >= 0)
            {
                // A reset after the headers: parse what arrived.
                read = 0;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (headerEnd < 0)
            {
                headerEnd = IndexOf(received.GetBuffer().AsSpan(0, (int)received.Length), "\r\n\r\n"u8);
                if (headerEnd >= 0)
                {
                    onHeaders();
                }
            }

            if (headerEnd >= 0 && IsComplete(received.ToArray(), headerEnd))
            {
                break;
            }
        }

        if (headerEnd < 0)
        {
            throw new IOException($"The connection closed after {received.Length} bytes, before the end of the response headers.");
        }

        return Parse(received.ToArray(), headerEnd);
    }

    private static bool IsComplete(byte[] received, int headerEnd)
    {
        RawResponse partial = ParseHead(received, headerEnd, []);
        int bodyStart = headerEnd + 4;
        if (partial.Headers.TryGetValue("content-length", out string? length))
        {
            return received.Length - bodyStart >= long.Parse(length, CultureInfo.InvariantCulture);
        }

        return partial.Headers.TryGetValue("transfer-encoding", out string? encoding)
            && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            && IndexOf(received.AsSpan(bodyStart), "0\r\n\r\n"u8) >= 0;
    }

    private static RawResponse Parse(byte[] received, int headerEnd)
    {
        byte[] rest = received[(headerEnd + 4)..];
        RawResponse head = ParseHead(received, headerEnd, []);
        if (head.Headers.TryGetValue("transfer-encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return head with { Body = Dechunk(rest) };
        }

        if (head.Headers.TryGetValue("content-length", out string? length))
        {
            return head with { Body = rest[..(int)Math.Min(rest.Length, long.Parse(length, CultureInfo.InvariantCulture))] };
        }

        return head with { Body = rest };
    }

    private static RawResponse ParseHead(byte[] received, int headerEnd, byte[] body)
    {
        string[] lines = Encoding.Latin1.GetString(received, 0, headerEnd).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = line[..colon].Trim().ToLowerInvariant();
            string value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out string? earlier) ? earlier + ", " + value : value;
        }

        return new RawResponse(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using MemoryStream body = new();
        int position = 0;
        while (position < chunked.Length)
        {
            int lineEnd = IndexOf(chunked.AsSpan(position), "\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            string sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0];
            int size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }

        return body.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);

    /// <summary>The body bytes sent so far, and how many had gone out when the response arrived (-1 before).</summary>
    private sealed class UploadProgress
    {
        private long sent;
        private long sentBeforeResponse = -1;

        public long Sent => Interlocked.Read(ref this.sent);

        public long SentBeforeResponse => Interlocked.Read(ref this.sentBeforeResponse);

        public bool ResponseArrived => this.SentBeforeResponse >= 0;

        public void AddSent(int count) => Interlocked.Add(ref this.sent, count);

        public void MarkResponse() => Interlocked.CompareExchange(ref this.sentBeforeResponse, this.Sent, -1);
    }
}
