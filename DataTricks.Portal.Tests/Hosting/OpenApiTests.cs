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
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_scalar()
    {
        var response = await factory.CreateClient().GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct));
    }
}
