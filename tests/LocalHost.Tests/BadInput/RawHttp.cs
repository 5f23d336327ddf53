using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BalancFunctions.LocalHost.Tests.BadInput;

/// <summary>The status line, Content-Type and body of a response read off a socket.</summary>
public sealed record RawResponse(int Status, string? ContentType, byte[] Body);

/// <summary>
/// Sends one HTTP/1.1 request over a plain socket, for bodies of megabytes. A server that responds
/// with 413 before reading such a body closes the connection while the client still writes, and
/// HttpClient then throws instead of returning the response. Here the body is written in the
/// background, write errors are ignored, and the response is read as soon as it arrives.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<RawResponse> SendAsync(Uri baseAddress, string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, bool chunked)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        using CancellationTokenSource timeout = new(Timeout);
        using TcpClient client = new();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        NetworkStream stream = client.GetStream();

        StringBuilder head = new($"{method} /{pathAndQuery} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        foreach ((string name, string value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")).Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), timeout.Token);
        Task writing = WriteBodyAsync(stream, body, chunked, timeout.Token);
        RawResponse response = await ReadResponseAsync(stream, timeout.Token);
        await timeout.CancelAsync();
        try
        {
            await writing;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
            // The server closed the connection after its response, so the rest of the body was never needed.
        }

        return response;
    }

    private static async Task WriteBodyAsync(NetworkStream stream, byte[] body, bool chunked, CancellationToken cancellationToken)
    {
        const int ChunkSize = 64 * 1024;
        for (int offset = 0; offset < body.Length; offset += ChunkSize)
        {
            int length = Math.Min(ChunkSize, body.Length - offset);
            if (chunked)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            }

            await stream.WriteAsync(body.AsMemory(offset, length), cancellationToken);
            if (chunked)
            {
                await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }
        }

        if (chunked)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        }
    }

    /// <summary>Reads until the headers and Content-Length bytes of body have arrived, so a reset after that loses nothing.</summary>
    private static async Task<RawResponse> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using MemoryStream received = new();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            if (TryParse(received.ToArray()) is RawResponse complete)
            {
                return complete;
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new IOException($"The connection closed after {received.Length} bytes of the response: {Encoding.Latin1.GetString(received.ToArray())}", exception);
            }

            if (read == 0)
            {
                throw new IOException($"The connection closed after {received.Length} bytes of the response: {Encoding.Latin1.GetString(received.ToArray())}");
            }

            received.Write(buffer, 0, read);
        }
    }

    private static RawResponse? TryParse(byte[] received)
    {
        int end = received.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        string[] lines = Encoding.Latin1.GetString(received, 0, end).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        Dictionary<string, string> headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        int length = headers.TryGetValue("Content-Length", out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        int bodyStart = end + 4;
        if (received.Length - bodyStart < length)
        {
            return null;
        }

        string? contentType = headers.TryGetValue("Content-Type", out string? type) ? type.Split(';')[0].Trim() : null;
        return new RawResponse(status, contentType, received[bodyStart..(bodyStart + length)]);
    }
}
