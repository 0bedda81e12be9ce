using System.Text.Json.Nodes;
using DataTricks.Domain.Idempotency;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// What every operation shares and endpoints need not repeat: the 401, 403 and 429 problems that authentication,
/// authorization and rate limiting can answer, open operations marked as such, the headers endpoints declared, and the
/// request id every answer carries.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= [];
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
            operation.Security = [];
        else
        {
            AddProblem(operation, document, StatusCodes.Status401Unauthorized, "No valid access token or personal access token was given.");
            AddProblem(operation, document, StatusCodes.Status403Forbidden, "The caller's role (or an impersonation) does not allow this.");
        }
        if (!anonymous || metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, document, StatusCodes.Status429TooManyRequests, anonymous
                ? "Too many attempts from this address; try again after Retry-After seconds."
                : "The token's or the customer's limit is spent; try again after Retry-After seconds (RateLimit says what is left).");
            AddHeader(operation, new ResponseHeader(StatusCodes.Status429TooManyRequests, "Retry-After", "Seconds to wait before trying again.", HeaderKind.Seconds));
        }
        if (operation.RequestBody is not null)
        {
            // A PATCH is a JSON merge patch (RFC 7396): fields left out stay as they are. Its media type is taken too.
            if (context.Description.HttpMethod == HttpMethods.Patch && operation.RequestBody.Content?.TryGetValue("application/json", out var json) == true)
                operation.RequestBody.Content["application/merge-patch+json"] = json;
            // Whatever the endpoint declares, a body can be unreadable (400 naming the field) or not JSON at all (415).
            AddProblem(operation, document, StatusCodes.Status400BadRequest, "The body is not valid JSON, lacks a required field, has a field the document does not list, or breaks a field's rule; `errors` names each field.",
                nameof(HttpValidationProblemDetails));
            AddProblem(operation, document, StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json (or, for a PATCH, application/merge-patch+json).");
        }
        if (metadata.OfType<IdempotentOperation>().Any())
            DescribeIdempotency(operation, document);
        AddProblem(operation, document, StatusCodes.Status400BadRequest, "A query parameter the operation does not take, or one it cannot read; `errors` names it.",
            nameof(HttpValidationProblemDetails));
        foreach (var closed in metadata.OfType<QueryEnum>())
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == closed.Parameter) is OpenApiParameter parameter)
                parameter.Schema = closed.Schema is { } shared
                    ? new OpenApiSchemaReference(shared, document)
                    : new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. closed.Values!.Select(v => (JsonNode)JsonValue.Create(v)!)] };
        }
        foreach (var header in metadata.OfType<ResponseHeader>())
            AddHeader(operation, header);
        foreach (var status in operation.Responses.Keys.ToList())
        {
            if (!int.TryParse(status, out var code))
                continue;
            AddHeader(operation, new ResponseHeader(code, ResponseHeaders.RequestId, "The request's id: the caller's own X-Request-Id, or one made for it. Logs and problems carry it."));
            // A 401 has no caller to count against, and routing answers a 415 before anyone is authenticated.
            if (!anonymous && code is not (StatusCodes.Status401Unauthorized or StatusCodes.Status415UnsupportedMediaType))
            {
                AddHeader(operation, new ResponseHeader(code, ApiRateLimitHeaders.PolicyHeader,
                    "The limits this request counts against: per token and per customer, each \"name\";q=<requests>;w=<seconds to refill>."));
                AddHeader(operation, new ResponseHeader(code, ApiRateLimitHeaders.RemainingHeader,
                    "What is left of each limit: \"name\";r=<requests left>;t=<seconds until full>. Slow down as r nears 0."));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The Idempotency-Key a write takes, the answers of a key in use, and the header that marks a replay.</summary>
    private static void DescribeIdempotency(OpenApiOperation operation, OpenApiDocument document)
    {
        operation.Parameters ??= [];
        if (!operation.Parameters.Any(p => p.Name == IdempotentOperation.Header))
            operation.Parameters.Add(new OpenApiParameter { Name = IdempotentOperation.Header, In = ParameterLocation.Header });
        var parameter = (OpenApiParameter)operation.Parameters.First(p => p.Name == IdempotentOperation.Header);
        parameter.Description = $"Makes a retry safe for {IdempotentRequest.Lifetime.TotalHours:0} hours: the same key and request answer what the first " +
            "got (status, headers, body) with Idempotent-Replayed: true, and run once. A UUID is best.";
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentRequest.KeyMaxLength };
        AddProblem(operation, document, StatusCodes.Status400BadRequest, "The request is invalid (an Idempotency-Key of the wrong length among others); `errors` names each field.",
            nameof(HttpValidationProblemDetails));
        AddProblem(operation, document, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running (idempotency-key-in-flight): retry shortly.");
        AddProblem(operation, document, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was already used with a different request (idempotency-key-reused).");
        foreach (var status in operation.Responses!.Keys.Where(k => k.StartsWith('2')).ToList())
            AddHeader(operation, new ResponseHeader(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), ResponseHeaders.IdempotentReplayed,
                "true when this is the recorded answer of an earlier request with the same Idempotency-Key.", HeaderKind.Boolean));
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description,
        string schema = nameof(Microsoft.AspNetCore.Mvc.ProblemDetails))
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
            },
        };
    }

    private static void AddHeader(OpenApiOperation operation, ResponseHeader header)
    {
        if (!operation.Responses!.TryGetValue(header.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found)
            || found is not OpenApiResponse response)
            return;
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[header.Name] = new OpenApiHeader { Description = header.Description, Schema = Schema(header.Kind) };
    }

    private static OpenApiSchema Schema(HeaderKind kind) => kind switch
    {
        HeaderKind.Uri => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
        HeaderKind.Seconds => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
        HeaderKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
