using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DataTricks.Portal.Tests.Support;

/// <summary>One operation of the served OpenAPI document: its method, path template and description.</summary>
public sealed record ApiOperation(string Method, string Path, JsonObject Node)
{
    public override string ToString() => $"{Method} {Path}";

    public bool IsAnonymous => Node["security"] is JsonArray { Count: 0 };

    public IEnumerable<JsonObject> Parameters(string location) =>
        (Node["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["in"] == location);

    public JsonObject? RequestContent => Node["requestBody"]?["content"] as JsonObject;

    public IEnumerable<string> DocumentedStatuses => (Node["responses"] as JsonObject ?? []).Select(r => r.Key);
}

/// <summary>
/// The served OpenAPI document read as a contract: which statuses each operation may answer and the JSON Schema every
/// answer's body must satisfy (OpenAPI 3.1 schemas are JSON Schema 2020-12, validated by JsonSchema.Net).
/// </summary>
public sealed class OpenApiContract
{
    private const string ComponentRef = "#/components/schemas/";
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _validators = [];

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _definitions = (JsonObject)RewriteReferences(document["components"]!["schemas"]!.DeepClone());
        Operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(method => method.Value is JsonObject { } node && node.ContainsKey("responses"))
                .Select(method => new ApiOperation(method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject())))
            .ToList();
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<OpenApiContract> LoadAsync(HttpClient client, CancellationToken cancellationToken) =>
        new(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", cancellationToken))!.AsObject());

    /// <summary>A component schema with its references resolved against the document.</summary>
    public JsonObject Schema(JsonNode schema) =>
        schema["$ref"] is JsonValue reference && ((string)reference!).StartsWith(ComponentRef, StringComparison.Ordinal)
            ? Schema(_document["components"]!["schemas"]![((string)reference!)[ComponentRef.Length..]]!)
            : schema.AsObject();

    /// <summary>What is wrong with an answer to <paramref name="operation"/>, or null when the document describes it.</summary>
    public async Task<string?> ViolationAsync(ApiOperation operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var responses = operation.Node["responses"]!.AsObject();
        if (responses[status] is not JsonObject documented)
            return $"answered {status}, which the document does not list ({string.Join(", ", responses.Select(r => r.Key))}): {Shorten(body)}";
        if (body.Length == 0)
            return null;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (documented["content"]?[mediaType]?["schema"] is not { } schema)
            return $"answered {status} with a {mediaType} body, which the document does not describe: {Shorten(body)}";
        var results = Validator(schema).Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
            return null;
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct();
        return $"answered {status} with a body its schema refuses ({string.Join("; ", errors)}): {Shorten(body)}";
    }

    private JsonSchema Validator(JsonNode schema)
    {
        var key = schema.ToJsonString();
        if (_validators.TryGetValue(key, out var validator))
            return validator;
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(RewriteReferences(schema.DeepClone())),
        };
        return _validators[key] = JsonSchema.FromText(root.ToJsonString());
    }

    /// <summary>Points the document's <c>#/components/schemas/X</c> references at the validator's own <c>#/$defs/X</c>.</summary>
    private static JsonNode RewriteReferences(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && ((string)reference!).StartsWith(ComponentRef, StringComparison.Ordinal))
                        obj[key] = "#/$defs/" + ((string)reference!)[ComponentRef.Length..];
                    else if (value is not null)
                        RewriteReferences(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                    RewriteReferences(item);
                break;
        }
        return node;
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
