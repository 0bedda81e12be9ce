using System.Net;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Hosting;

public sealed class OpenApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_describes_the_environment_routes_and_their_status_codes()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var paths = document.GetProperty("paths");

        var create = paths.GetProperty("/api/v1/compute-environments").GetProperty("post").GetProperty("responses");
        Assert.True(create.TryGetProperty("202", out _));
        Assert.True(create.TryGetProperty("400", out _));
        Assert.True(create.TryGetProperty("409", out _));
        Assert.True(create.TryGetProperty("422", out _));
        Assert.True(paths.GetProperty("/api/v1/compute-environments/{id}").TryGetProperty("patch", out var patch));
        Assert.True(patch.GetProperty("responses").TryGetProperty("412", out _));
        Assert.True(paths.TryGetProperty("/api/v1/operations/{id}/cancel", out _));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("AccessToken").GetProperty("scheme").GetString());
        Assert.Equal("bearer", schemes.GetProperty("PersonalAccessToken").GetProperty("scheme").GetString());
    }

    private async Task<JsonElement> DocumentAsync(string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        if (host is not null)
            request.Headers.Host = host;
        var response = await factory.CreateClient().SendAsync(request, Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (path.Name, method.Name, method.Value)));

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_success_answer_and_only_api_paths_are_listed()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        Assert.All(operations, o => Assert.StartsWith("/api/v1/", o.Path));
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.Contains(o.Operation.GetProperty("responses").EnumerateObject(), r => r.Name.StartsWith('2')));
    }

    [Fact]
    public async Task Sign_up_and_token_are_open_and_every_other_operation_documents_401_and_403()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var open = path is "/api/v1/signup" or "/api/v1/auth/token";
            Assert.Equal(open, operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0);
            var responses = operation.GetProperty("responses");
            // The open ones answer 401 and 403 for reasons of their own (a wrong password, single sign-on required), if at all.
            if (!open)
                Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{method} {path}");
        }
    }

    [Fact]
    public async Task The_server_comes_from_configuration_not_from_the_requests_host()
    {
        var document = await DocumentAsync(host: "127.0.0.1:9999");

        Assert.Equal("http://localhost:5039", document.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Request_schemas_mark_only_what_is_required_and_integers_are_integers()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["name", "cloud", "region"], schemas.GetProperty("CreateEnvironmentRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schemas.GetProperty("UpdateEnvironmentRequest").TryGetProperty("required", out _));
        var maxWorkers = schemas.GetProperty("CreateEnvironmentRequest").GetProperty("properties").GetProperty("maxWorkers");
        Assert.Equal(1000, maxWorkers.GetProperty("maximum").GetInt32());
        Assert.DoesNotContain("string", maxWorkers.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("#/components/schemas/CloudProvider", schemas.GetProperty("CreateEnvironmentRequest").GetProperty("properties").GetProperty("cloud").GetProperty("$ref").GetString());
        Assert.Contains("Gcp", schemas.GetProperty("CloudProvider").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("#/components/schemas/ProblemCode", schemas.GetProperty("ProblemDetails").GetProperty("properties").GetProperty("code").GetProperty("$ref").GetString());
        Assert.Contains("environment-in-use", schemas.GetProperty("ProblemCode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(schemas.GetProperty("EnvironmentConflictProblem").GetProperty("properties").TryGetProperty("repos", out _));
    }

    [Fact]
    public async Task Answers_that_start_an_operation_document_their_headers()
    {
        var create = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/compute-environments").GetProperty("post");

        var headers = create.GetProperty("responses").GetProperty("202").GetProperty("headers");
        Assert.All(new[] { "Location", "Operation-Location", "Retry-After", "Idempotent-Replayed", "X-Request-Id" }, h => Assert.True(headers.TryGetProperty(h, out _), h));
        Assert.Contains(create.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    [Fact]
    public void The_api_guide_lists_every_problem_code_with_its_status()
    {
        var guide = File.ReadAllText(Path.Combine(SolutionDirectory.Path, "docs", "api.md"));

        Assert.All(DataTricks.Domain.Common.ProblemCodes.All, c => Assert.Contains($"| `{c.Code}` | {c.Status} |", guide));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_scalar()
    {
        var response = await factory.CreateClient().GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct));
    }
}
