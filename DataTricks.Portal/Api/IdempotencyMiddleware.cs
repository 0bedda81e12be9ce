using System.Security.Cryptography;
using System.Text;
using DataTricks.Domain.Common;
using DataTricks.Domain.Idempotency;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Api.OpenApi;

namespace DataTricks.Portal.Api;

/// <summary>
/// Gives a write sent with an Idempotency-Key the answer its first run got — status, headers and body, with
/// <c>Idempotent-Replayed: true</c> — however often it is retried within 24 hours: a client whose answer was lost (a
/// node died behind the load balancer, a timeout) retries safely. The same key with another request answers 422; while
/// the first run is still going, 409. Runs after authentication, so a key belongs to the caller who sent it.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotentRequests requests)
{
    // Answers worth giving again; the rest (a refused body, a refused caller, a server fault) free the key for a fixed retry.
    private static readonly int[] Forgotten = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests];

    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", ResponseHeaders.OperationLocation, "Retry-After", "ETag"];

    public async Task InvokeAsync(HttpContext context, ITenantContext tenant)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentOperation>() is null
            || !context.Request.Headers.TryGetValue(IdempotentOperation.Header, out var sent))
        {
            await next(context);
            return;
        }
        var key = sent.ToString();
        if (key.Length is 0 or > IdempotentRequest.KeyMaxLength)
        {
            await Failure.Invalid(IdempotentOperation.Header, $"The Idempotency-Key header has 1 to {IdempotentRequest.KeyMaxLength} characters.").ToProblem().ExecuteAsync(context);
            return;
        }
        var scope = $"{tenant.CustomerId}:{tenant.UserId}:{tenant.ImpersonatorUserId}";
        var cancellationToken = context.RequestAborted;
        switch (await requests.BeginAsync(scope, key, await HashAsync(context.Request, cancellationToken), cancellationToken))
        {
            case IdempotencyOutcome.Replay replay:
                await ReplayAsync(context, replay, cancellationToken);
                return;
            case IdempotencyOutcome.InFlight:
                await Failure.Conflict(ProblemCodes.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still being processed; retry shortly.").ToProblem().ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Reused:
                await new Failure(FailureKind.Unprocessable, "This Idempotency-Key was already used with a different request.").ToProblem().ExecuteAsync(context);
                return;
        }
        await RunAndRecordAsync(context, scope, key, cancellationToken);
    }

    private async Task RunAndRecordAsync(HttpContext context, string scope, string key, CancellationToken cancellationToken)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await requests.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }
        var status = context.Response.StatusCode;
        // Recorded before the answer leaves: a retry that arrives once the caller has it finds it.
        if (Forgotten.Contains(status) || status >= 500)
            await requests.ReleaseAsync(scope, key, CancellationToken.None);
        else
            await requests.AnswerAsync(scope, key, status, HeadersOf(context.Response), captured.ToArray(), CancellationToken.None);
        captured.Position = 0;
        await captured.CopyToAsync(original, cancellationToken);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyOutcome.Replay replay, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = replay.StatusCode;
        foreach (var (name, value) in replay.Headers)
            context.Response.Headers[name] = value;
        context.Response.Headers[ResponseHeaders.IdempotentReplayed] = "true";
        await context.Response.Body.WriteAsync(replay.Body, cancellationToken);
    }

    private static Dictionary<string, string> HeadersOf(HttpResponse response) =>
        ReplayedHeaders.Where(response.Headers.ContainsKey).ToDictionary(name => name, name => response.Headers[name].ToString());

    /// <summary>What makes two requests the same: method, path, query and the body's bytes.</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
