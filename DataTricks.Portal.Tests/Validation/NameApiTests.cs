using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Validation;

/// <summary>Every kind of name refuses hidden and misleading characters on create and on rename, and nothing is stored.</summary>
public sealed class NameApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadNames => new()
    {
        "abc\n", "a\0b", "a\u001bb", "evil\u202Etxt", "\u200B\u200B", "\u2066x\u2069",
        // Hangul fillers and the braille blank: letters and symbols to Unicode that draw nothing.
        "\u115F\u1160", "\u3164", "\uFFA0 \uFFA0", "\u2800",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bad_environment_names_answer_400_on_create_and_rename(string name)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var before = await factory.WithDatabaseAsync(db => db.ComputeEnvironments.CountAsync(Ct));

        var created = await admin.CreateEnvironmentAsync(name);
        var existing = (await (await admin.GetAsync("/api/v1/compute-environments", Ct)).JsonAsync()).GetProperty("items")[0];
        var renamed = await admin.PatchAsJsonAsync($"/api/v1/compute-environments/{existing.GetProperty("id").GetGuid()}", new { name }, Ct);

        await AssertFieldErrorAsync(created, "name");
        await AssertFieldErrorAsync(renamed, "name");
        Assert.Equal(before, await factory.WithDatabaseAsync(db => db.ComputeEnvironments.CountAsync(Ct)));
        var after = await (await admin.GetAsync($"/api/v1/compute-environments/{existing.GetProperty("id").GetGuid()}", Ct)).JsonAsync();
        Assert.Equal(existing.GetProperty("name").GetString(), after.GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bad_repo_names_answer_400_on_create_and_rename(string name)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var repo = (await (await admin.GetAsync("/api/v1/repos", Ct)).JsonAsync()).GetProperty("items")[0];
        var environmentId = repo.GetProperty("computeEnvironmentId").GetGuid();

        var before = await factory.WithDatabaseAsync(db => db.Repos.Select(r => r.Name).OrderBy(n => n).ToListAsync(Ct));

        var created = await admin.PostAsJsonAsync("/api/v1/repos", new { name, computeEnvironmentId = environmentId }, Ct);
        var renamed = await admin.PatchAsJsonAsync($"/api/v1/repos/{repo.GetProperty("id").GetGuid()}", new { name }, Ct);

        await AssertFieldErrorAsync(created, "name");
        await AssertFieldErrorAsync(renamed, "name");
        Assert.Equal(before, await factory.WithDatabaseAsync(db => db.Repos.Select(r => r.Name).OrderBy(n => n).ToListAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bad_customer_user_and_token_names_answer_400(string name)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var userId = (await (await admin.GetAsync("/api/v1/users?q=ana", Ct)).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();

        await AssertFieldErrorAsync(await admin.PatchAsJsonAsync("/api/v1/customer", new { name }, Ct), "name");
        await AssertFieldErrorAsync(await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { displayName = name }, Ct), "displayName");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/tokens", new { name }, Ct), "name");
        await AssertFieldErrorAsync(await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName = name, adminEmail = "new@names.test", adminPassword = "Str0ng-Passw0rd!" }, Ct), "customerName");
    }

    [Theory]
    [InlineData("/api/v1/users?q=a%00b")]
    [InlineData("/api/v1/repos?q=%1B")]
    [InlineData("/api/v1/support/customers?q=%00")]
    public async Task A_search_with_control_characters_answers_400(string path)
    {
        var client = await factory.SignedInAsync(path.Contains("support") ? ApiClients.Support : ApiClients.AcmeAdmin);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_repo_name_is_stored_trimmed_and_in_nfc()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var environmentId = (await (await admin.GetAsync("/api/v1/repos", Ct)).JsonAsync()).GetProperty("items")[0].GetProperty("computeEnvironmentId").GetGuid();

        var created = await admin.PostAsJsonAsync("/api/v1/repos", new { name = "  Cafe\u0301 notes ", computeEnvironmentId = environmentId }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Caf\u00e9 notes", (await created.JsonAsync()).GetProperty("name").GetString());
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No message for '{field}' in {problem}");
    }
}
