using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataTricks.Domain.Scim;

namespace DataTricks.Portal.Scim;

/// <summary>Reading SCIM requests and writing SCIM answers (media type <c>application/scim+json</c>).</summary>
public static class ScimHttp
{
    public const string MediaType = "application/scim+json";

    /// <summary>The largest body read: a group of 10,000 members is well under it.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>The body as JSON: too large is 413, not JSON (or another media type) is a SCIM error, never a 500.</summary>
    public static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not null && !type.Equals(MediaType, StringComparison.OrdinalIgnoreCase) && !type.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ScimException(StatusCodes.Status415UnsupportedMediaType, null, $"Send {MediaType} (or application/json), not {type}.");
        if (request.ContentLength > MaxBodyBytes)
            throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw ScimException.InvalidSyntax("The request has no body.");
        try
        {
            return JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException invalid)
        {
            throw ScimException.InvalidSyntax($"The body is not valid JSON: {invalid.Message}");
        }
    }

    private static ScimException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, null, $"A SCIM request body has at most {MaxBodyBytes / 1024 / 1024} MB.");

    /// <summary>A resource or message, with the resource's version as its ETag and, for a new one, its Location.</summary>
    public static IResult Json(HttpContext http, JsonObject body, int status = StatusCodes.Status200OK)
    {
        if (body["meta"] is JsonObject meta && meta["version"]?.GetValue<string>() is { } version)
            http.Response.Headers.ETag = version;
        if (MakeAbsolute(http, body) is { } location && status == StatusCodes.Status201Created)
            http.Response.Headers.Location = location;
        foreach (var resource in (body["Resources"] as JsonArray)?.OfType<JsonObject>() ?? [])
            MakeAbsolute(http, resource);
        return Results.Text(body.ToJsonString(), MediaType, Encoding.UTF8, status);
    }

    /// <summary>Turns a resource's <c>meta.location</c>, written as a path, into this server's URL; returns it, or null without one.</summary>
    private static string? MakeAbsolute(HttpContext http, JsonObject resource)
    {
        if (resource["meta"] is not JsonObject meta || meta["location"]?.GetValue<string>() is not { } path)
            return null;
        var location = $"{http.Request.Scheme}://{http.Request.Host}{path}";
        meta["location"] = location;
        return location;
    }

    /// <summary>A SCIM error body (RFC 7644 §3.12).</summary>
    public static JsonObject Error(int status, string? scimType, string detail)
    {
        var error = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
            error["scimType"] = scimType;
        return error;
    }
}
