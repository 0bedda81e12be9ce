using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DataTricks.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Webhooks;

/// <summary>
/// Posts one attempt of a delivery: JSON, the Standard Webhooks headers, at most <see cref="WebhookOptions.Timeout"/>,
/// redirects not followed, at most 64 KB of the answer read. Whatever goes wrong becomes a failed attempt with the
/// reason, never an exception: the receiver is someone else's server.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "webhooks";
    public const int MaxResponseBytes = 64 * 1024;

    public async Task<WebhookAttemptOutcome> SendAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in message.Headers(time.GetUtcNow()))
            request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.UserAgent.ParseAdd("DataTricks-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            return new WebhookAttemptOutcome((int)response.StatusCode, Stopwatch.GetElapsedTime(started), body, null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Failed(started, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is RefusedAddressException refused)
        {
            return Failed(started, refused.Message);
        }
        catch (HttpRequestException exception)
        {
            return Failed(started, $"Could not reach the endpoint: {exception.Message}");
        }
    }

    private static WebhookAttemptOutcome Failed(long started, string error) => new(null, Stopwatch.GetElapsedTime(started), null, error);

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of the body, and keeps its start for the delivery log.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var count and > 0)
            read += count;
        var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(read, WebhookAttempt.ResponseMaxLength * 4));
        return text.Length <= WebhookAttempt.ResponseMaxLength ? text : text[..WebhookAttempt.ResponseMaxLength];
    }

    /// <summary>
    /// The handler of the webhook client: no proxy (it would connect for us, past the address check), no redirects, no
    /// cookies, and a connect step that resolves the host and refuses any address that is not public, at every
    /// connection, so a name that resolves inside after passing the check at creation reaches nothing.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(IHostAddresses addresses, IOptions<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxResponseHeadersLength = 64,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var resolved = await addresses.ResolveAsync(host, cancellationToken);
            if (WebhookTargets.AddressProblem(host, resolved, options.Value.AllowPrivateTargets) is { } problem)
                throw new RefusedAddressException(problem);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(resolved, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The endpoint's host resolved to an address webhooks may not reach.</summary>
    private sealed class RefusedAddressException(string message) : Exception(message);
}
