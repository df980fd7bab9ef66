using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrthoRebasin.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection, that answers at most
/// <c>maxRequests</c> requests and stops itself after them or after a timeout, so no test can hang on it.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Func<Request, Response> _handler;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<Request, Response> handler, int maxRequests)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(() => ServeAsync(maxRequests));
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<Request> Requests => [.. _requests];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task ServeAsync(int maxRequests)
    {
        try
        {
            for (var i = 0; i < maxRequests; i++)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await AnswerAsync(client, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by dispose or by the timeout.
        }
        catch (IOException)
        {
            // The client hung up first; the test's assertions say whether that matters.
        }
        finally
        {
            _listener.Stop();
        }
    }

    private async Task AnswerAsync(TcpClient client, CancellationToken ct)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync(ct) ?? "";
        string? range = null;
        for (var h = 0; h < 100; h++)
        {
            var line = await reader.ReadLineAsync(ct);
            if (string.IsNullOrEmpty(line))
            {
                break;
            }

            if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
            {
                range = line["Range:".Length..].Trim();
            }
        }

        var parts = requestLine.Split(' ');
        var request = new Request(parts.Length > 1 ? parts[1] : "", range);
        _requests.Enqueue(request);
        var response = _handler(request);
        var head = new StringBuilder()
            .Append($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n")
            .Append($"Content-Length: {response.Body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (response.ContentRange is not null)
        {
            head.Append($"Content-Range: {response.ContentRange}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        await stream.WriteAsync(response.Body.AsMemory(0, Math.Min(response.CutAfter ?? int.MaxValue, response.Body.Length)), ct);
        await stream.FlushAsync(ct);
    }

    public sealed record Request(string Path, string? Range);

    /// <summary>The answer; with <paramref name="CutAfter"/>, the connection closes after that many body bytes though the full length was announced.</summary>
    public sealed record Response(int Status, byte[] Body, int? CutAfter = null, string? ContentRange = null);
}
