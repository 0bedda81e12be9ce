using System.Text;
using System.Text.Json.Nodes;

namespace DataTricks.Portal.Tests.Conformance;

/// <summary>
/// One request of the conformance run: who sends it, what it is, and what its answer must be beyond being documented
/// (null when any documented answer will do).
/// </summary>
public sealed record Probe(string Name, HttpClient Caller, Func<HttpRequestMessage> Request, Func<HttpResponseMessage, string, string?>? Expect = null)
{
    public static HttpRequestMessage Build(string method, string path, JsonNode? body = null, string? rawBody = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null || rawBody is not null)
            request.Content = new StringContent(rawBody ?? body!.ToJsonString(), Encoding.UTF8, mediaType);
        return request;
    }

    public static Func<HttpResponseMessage, string, string?> Status(int expected, string? mentioning = null) => (response, body) =>
        (int)response.StatusCode != expected ? $"answered {(int)response.StatusCode} where {expected} was expected: {body}"
        : mentioning is not null && !body.Contains(mentioning, StringComparison.Ordinal) ? $"answered {expected} without naming '{mentioning}': {body}"
        : null;

    public static readonly Func<HttpResponseMessage, string, string?> Success = (response, body) =>
        response.IsSuccessStatusCode ? null : $"a valid request answered {(int)response.StatusCode}: {body}";

    /// <summary>What HEAD answers: a GET's success, without a body.</summary>
    public static readonly Func<HttpResponseMessage, string, string?> Headers = (response, body) =>
        !response.IsSuccessStatusCode ? $"HEAD answered {(int)response.StatusCode}: {body}"
        : body.Length > 0 ? $"HEAD answered a body: {body}"
        : null;

    public static Func<HttpResponseMessage, string, string?> NotStatus(int refused, string why) => (response, body) =>
        (int)response.StatusCode == refused ? $"answered {refused}, but {why}: {body}" : null;
}
