using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Conformance;

/// <summary>
/// Every operation of the served OpenAPI document, called with valid and invalid inputs: each answer's status must be
/// one the document lists for that operation and its body must validate against the documented schema. A new route
/// is walked the day it is mapped, so the document cannot drift from the server.
/// </summary>
public sealed class ApiConformanceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_of_every_operation_is_documented_and_matches_its_schema()
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient(), Ct);
        var world = await ConformanceWorld.CreateAsync(factory);
        var violations = new List<string>();
        var probes = 0;

        foreach (var operation in InWalkingOrder(contract.Operations))
        {
            foreach (var probe in Probes.Of(operation, contract, world))
            {
                probes++;
                using var request = probe.Request();
                using var response = await probe.Caller.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var violation = await contract.ViolationAsync(operation, response, Ct) ?? probe.Expect?.Invoke(response, body) ?? CachingViolation(request, response)
                    ?? RateLimitViolation(operation, probe.Caller == world.Anonymous, response);
                if (violation is not null)
                    violations.Add($"{operation} [{probe.Name}]: {violation}");
            }
        }

        var notIdempotent = contract.Operations
            .Where(o => o.Method == "POST" && !o.Parameters("header").Any(p => (string?)p["name"] == "Idempotency-Key"))
            .Select(o => o.ToString());
        Assert.Equal(["POST /api/v1/auth/token", "POST /api/v1/customer/sso/test"], notIdempotent.Order());
        Assert.True(contract.Operations.Count > 60, $"only {contract.Operations.Count} operations were found in the document");
        Assert.True(violations.Count == 0, $"{violations.Count} of {probes} answers differ from the document:\n{string.Join("\n", violations)}");
    }

    /// <summary>A read may be kept by the caller only to revalidate, and varies with the token; a write's answer is never stored.</summary>
    private static string? CachingViolation(HttpRequestMessage request, HttpResponseMessage response)
    {
        var read = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        var cacheControl = response.Headers.CacheControl;
        if (read && (cacheControl is not { Private: true, NoCache: true } || !response.Headers.Vary.Contains("Authorization")))
            return $"a read answered Cache-Control '{cacheControl}' and Vary '{string.Join(", ", response.Headers.Vary)}'";
        if (!read && cacheControl is not { NoStore: true })
            return $"a write answered Cache-Control '{cacheControl}'";
        return null;
    }

    /// <summary>
    /// An authenticated caller is told on every answer what is left of its limits; but for a 415, which routing answers
    /// before anyone is authenticated (a body that is not JSON matches no endpoint), so nobody's limit was counted.
    /// </summary>
    private static string? RateLimitViolation(ApiOperation operation, bool anonymousCaller, HttpResponseMessage response) =>
        operation.IsAnonymous || anonymousCaller
            || response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.UnsupportedMediaType
            || (response.Headers.Contains("RateLimit-Policy") && response.Headers.Contains("RateLimit"))
            ? null
            : "an authenticated answer lacks RateLimit-Policy or RateLimit";

    /// <summary>
    /// The document's order of paths (things are made before they are acted on), on one path what writes before what
    /// reads (support access is granted before it is read), and deletes last, the deepest first.
    /// </summary>
    private static IEnumerable<ApiOperation> InWalkingOrder(IReadOnlyList<ApiOperation> operations)
    {
        var paths = operations.Select(o => o.Path).Distinct().ToList();
        return operations
            .OrderBy(o => o.Method == "DELETE")
            .ThenByDescending(o => o.Method == "DELETE" ? o.Path.Count(c => c == '/') : 0)
            .ThenBy(o => paths.IndexOf(o.Path))
            .ThenBy(o => o.Method == "GET");
    }
}
