using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Hosting;

/// <summary>A request the framework cannot bind answers 400 naming what is wrong, on the API and off it, never 500.</summary>
public sealed class UnreadableRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_typo_in_a_patch_is_refused_by_name_and_changes_nothing()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var before = await (await admin.GetAsync("/api/v1/customer", Ct)).JsonAsync();

        var response = await admin.PatchAsJsonAsync("/api/v1/customer", new { nmae = "Renamed" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("nmae", out _), problem.ToString());
        Assert.Equal(before.GetProperty("name").GetString(), (await (await admin.GetAsync("/api/v1/customer", Ct)).JsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.test\", \"password\": ", "body", "not valid JSON")]
    [InlineData("{\"email\": \"a@b.test\"}", "password", "'password' is required.")]
    [InlineData("{\"email\": 42, \"password\": \"x\"}", "email", "does not have the type")]
    public async Task An_unreadable_body_names_the_field_to_fix(string body, string field, string message)
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_role_given_as_a_number_is_refused_not_read_as_a_role()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = "numbered@acme.test", role = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_with_its_own_code()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/auth/token", new StringContent("email=a", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-media-type", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_portal_route_with_an_unreadable_query_answers_400_not_an_error_page()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false })
            .GetAsync($"/sso/start/{Guid.NewGuid()}?retried=maybe", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
