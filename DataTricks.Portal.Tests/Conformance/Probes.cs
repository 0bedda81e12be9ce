using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Conformance;

/// <summary>
/// The requests the conformance run sends to one operation, read from its description: without credentials, as a
/// member, with unknown ids, bad query values, a stale If-Match, broken bodies (malformed, wrong media type, an unknown
/// field, a required field missing, a field of the wrong type), the smallest body the document calls valid, and last a
/// valid request.
/// </summary>
public static class Probes
{
    /// <summary>Operations whose valid request the conformance world cannot satisfy, with the answer it gets instead.</summary>
    private static readonly Dictionary<string, (int Status, string Why)> ExpectedRefusals = new()
    {
        ["POST /api/v1/compute-environments/{id}/repair"] = (409, "the world's environment is Ready; only a Degraded one can be repaired"),
        ["POST /api/v1/compute-environments/{id}/retry"] = (409, "the world's environment is Ready; only a Failed one can be retried"),
        ["POST /api/v1/operations/{id}/cancel"] = (409, "the world's create has ended: the simulated cloud of the tests answers at once"),
        ["DELETE /api/v1/compute-environments/{id}"] = (409, "the world's repos are bound to the environment"),
    };

    /// <summary>Optional fields a body needs in some states (the document's description of each says when).</summary>
    private static readonly Dictionary<string, string[]> ConditionallyRequired = new()
    {
        ["PUT /api/v1/customer/sso"] = ["clientSecret"],
    };

    public static IEnumerable<Probe> Of(ApiOperation operation, OpenApiContract contract, ConformanceWorld world)
    {
        var path = Path(operation, world, unknown: null);
        var content = operation.RequestContent;
        var mediaType = content?.Select(c => c.Key).First();
        Func<JsonObject?> validBody = () => content is null ? null : ValidBodies.For(operation, world);
        HttpRequestMessage Valid() => Probe.Build(operation.Method, path, validBody(), mediaType: mediaType ?? "application/json");

        if (!operation.IsAnonymous)
        {
            yield return new Probe("no credentials", world.Anonymous, Valid, Probe.Status(401));
            yield return new Probe("as a member", world.Member, Valid);
        }
        foreach (var parameter in operation.Parameters("path"))
        {
            var name = (string)parameter["name"]!;
            var unknownPath = Path(operation, world, unknown: name);
            yield return new Probe($"unknown {name}", world.CallerOf(operation),
                () => Probe.Build(operation.Method, unknownPath, validBody(), mediaType: mediaType ?? "application/json"), Probe.Status(404));
        }
        yield return new Probe("an unknown query parameter", world.CallerOf(operation),
            () => Probe.Build(operation.Method, $"{path}?serach=x", validBody(), mediaType: mediaType ?? "application/json"), Probe.Status(400, mentioning: "serach"));
        foreach (var parameter in operation.Parameters("query"))
        {
            var name = (string)parameter["name"]!;
            if (BadValue(contract.Schema(parameter["schema"]!), name, contract) is { } bad)
                yield return new Probe($"{name}={bad}", world.CallerOf(operation),
                    () => Probe.Build(operation.Method, $"{path}?{name}={Uri.EscapeDataString(bad)}"), Probe.Status(400));
        }
        if (operation.Parameters("header").Any(p => (string?)p["name"] == "If-Match"))
            yield return new Probe("stale If-Match", world.CallerOf(operation), () =>
            {
                var request = Valid();
                request.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
                return request;
            }, Probe.Status(412));
        if (content is not null)
            foreach (var probe in BodyProbes(operation, contract, world, path, mediaType!, validBody))
                yield return probe;

        var valid = ExpectedRefusals.TryGetValue(operation.ToString(), out var refusal) ? Probe.Status(refusal.Status) : Probe.Success;
        if (operation.Parameters("header").Any(p => (string?)p["name"] == "Idempotency-Key"))
        {
            foreach (var probe in IdempotencyProbes(operation, world, path, mediaType, validBody, valid))
                yield return probe;
        }
        else
            yield return new Probe("valid", world.CallerOf(operation), Valid, valid);
        if (operation.Method == "GET")
            yield return new Probe("HEAD", world.CallerOf(operation), () => Probe.Build("HEAD", path), Probe.Headers);
    }

    /// <summary>
    /// The valid request sent with an Idempotency-Key, then again (the first answer comes back, marked replayed), then
    /// the key with another body (422).
    /// </summary>
    private static IEnumerable<Probe> IdempotencyProbes(
        ApiOperation operation, ConformanceWorld world, string path, string? mediaType, Func<JsonObject?> validBody, Func<HttpResponseMessage, string, string?> valid)
    {
        var key = Guid.NewGuid().ToString();
        var body = validBody();
        (int Status, string Body) first = default;
        HttpRequestMessage Keyed(JsonObject? sent)
        {
            var request = Probe.Build(operation.Method, path, sent, mediaType: mediaType ?? "application/json");
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var caller = world.CallerOf(operation);
        yield return new Probe("valid, with an Idempotency-Key", caller, () => Keyed(body?.DeepClone().AsObject()), (response, answer) =>
        {
            first = ((int)response.StatusCode, answer);
            return valid(response, answer);
        });
        yield return new Probe("the same again", caller, () => Keyed(body?.DeepClone().AsObject()), (response, answer) =>
            (int)response.StatusCode != first.Status || answer != first.Body ? $"the replay answered {(int)response.StatusCode} {answer}, the first {first.Status} {first.Body}"
            : !response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) || replayed.Single() != "true" ? "the replay is not marked Idempotent-Replayed"
            : null);
        // A body that is valid in only one way (reset-password's {}) has no other to send.
        if (validBody() is { } other && other.ToJsonString() != body!.ToJsonString())
            yield return new Probe("the key with another body", caller, () => Keyed(other), Probe.Status(422, mentioning: "idempotency-key-reused"));
    }

    private static IEnumerable<Probe> BodyProbes(
        ApiOperation operation, OpenApiContract contract, ConformanceWorld world, string path, string mediaType, Func<JsonObject?> validBody)
    {
        var caller = world.CallerOf(operation);
        var schema = contract.Schema(operation.RequestContent![mediaType]!["schema"]!);
        var required = (schema["required"] as JsonArray ?? []).Select(r => (string)r!).ToList();
        var properties = schema["properties"] as JsonObject ?? [];
        Probe WithBody(string name, Func<JsonObject, JsonObject> change, Func<HttpResponseMessage, string, string?> expect) =>
            new(name, caller, () => Probe.Build(operation.Method, path, change(validBody()!), mediaType: mediaType), expect);

        yield return new Probe("malformed JSON", caller, () => Probe.Build(operation.Method, path, rawBody: "{\"name\": ", mediaType: mediaType), Probe.Status(400));
        foreach (var other in operation.RequestContent!.Select(c => c.Key).Where(m => m != mediaType))
            yield return new Probe($"as {other}", caller, () => Probe.Build(operation.Method, path, validBody(), mediaType: other), Probe.Success);
        yield return new Probe("text/plain body", caller, () => Probe.Build(operation.Method, path, validBody(), mediaType: "text/plain"), Probe.Status(415));
        yield return WithBody("an unknown field", body => { body["nmae"] = "typo"; return body; }, Probe.Status(400, mentioning: "nmae"));
        foreach (var name in required)
            yield return WithBody($"without {name}", body => { body.Remove(name); return body; }, Probe.Status(400, mentioning: name));
        foreach (var (name, propertySchema) in properties)
            if (WrongTypeOf(contract.Schema(propertySchema!), contract) is { } wrong)
                yield return WithBody($"{name} of the wrong type", body => { body[name] = wrong.DeepClone(); return body; }, Probe.Status(400, mentioning: name));
        var needed = required.Concat(ConditionallyRequired.GetValueOrDefault(operation.ToString(), [])).ToList();
        yield return WithBody("only what is required", body =>
        {
            foreach (var name in body.Select(p => p.Key).Where(k => !needed.Contains(k)).ToList())
                body.Remove(name);
            return body;
        }, Probe.NotStatus(400, "the document says a body with only its required fields is valid"));
    }

    private static string Path(ApiOperation operation, ConformanceWorld world, string? unknown)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters("path"))
        {
            var name = (string)parameter["name"]!;
            var id = name == unknown ? Guid.NewGuid() : world.IdFor(operation, name);
            path = path.Replace($"{{{name}}}", id.ToString(), StringComparison.Ordinal);
        }
        return path;
    }

    /// <summary>A value of the wrong JSON type for a property: the document's types are what the server must hold to.</summary>
    private static JsonNode? WrongTypeOf(JsonObject schema, OpenApiContract contract) => TypeOf(schema, contract) switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("12"),
        "boolean" => JsonValue.Create("true"),
        "array" => new JsonObject(),
        "object" => JsonValue.Create("x"),
        _ => null,
    };

    /// <summary>A query value the parameter's schema refuses, or null when it takes any text.</summary>
    private static string? BadValue(JsonObject schema, string name, OpenApiContract contract) =>
        schema["enum"] is not null ? "bogus"
        : TypeOf(schema, contract) is "integer" or "number" ? "abc"
        : TypeOf(schema, contract) is "boolean" ? "maybe"
        : (string?)schema["format"] is "date-time" ? "yesterday"
        : (string?)schema["format"] is "uuid" ? "not-an-id"
        : name is "pageToken" or "after" ? "not-a-cursor!"
        : null;

    /// <summary>The JSON type a schema stands for, looking through <c>["null", T]</c> and <c>oneOf [null, T]</c>.</summary>
    private static string? TypeOf(JsonObject schema, OpenApiContract contract) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema["enum"] is not null ? "string"
            : schema["oneOf"] is JsonArray choices ? choices.OfType<JsonObject>().Select(c => TypeOf(contract.Schema(c), contract)).FirstOrDefault(t => t is not null and not "null")
            : null,
    };
}
