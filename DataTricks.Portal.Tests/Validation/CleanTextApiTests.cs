using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Validation;

/// <summary>
/// Every free text the API takes refuses NUL and control characters with a 400 naming the field, and stores nothing;
/// on PostgreSQL, which refuses a NUL in any text, these answered 500 (or a wrong 409) before.
/// </summary>
public sealed class CleanTextApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Controls => ["a\0b", "a\u001bb", "a\u0085b"];

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task A_repo_description_with_control_characters_answers_400_on_create_and_change(string description)
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var environmentId = (await admin.CreatedEnvironmentAsync("env-a")).GetProperty("id").GetGuid();
        var repo = await (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Kept", description = "As it was", computeEnvironmentId = environmentId }, Ct)).JsonAsync();

        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/repos", new { name = "New", description, computeEnvironmentId = environmentId }, Ct), "description");
        await AssertFieldErrorAsync(await admin.PatchAsJsonAsync($"/api/v1/repos/{repo.GetProperty("id").GetGuid()}", new { description }, Ct), "description");

        var stored = await factory.WithDatabaseAsync(db => db.Repos.Where(r => r.CustomerId == customer.Id).Select(r => r.Name + ": " + r.Description).ToListAsync(Ct));
        Assert.Equal(["Kept: As it was"], stored);
    }

    [Fact]
    public async Task A_description_keeps_its_line_breaks_and_tabs()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var environmentId = (await admin.CreatedEnvironmentAsync("env-a")).GetProperty("id").GetGuid();

        var created = await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Notes", description = " Line one\r\n\tLine two ", computeEnvironmentId = environmentId }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Line one\r\n\tLine two", (await created.JsonAsync()).GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task An_impersonation_reason_with_control_characters_answers_400_and_starts_nothing(string reason)
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct);
        var support = await factory.SignedInAsync(ApiClients.Support);

        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = customer.Id, reason }, Ct), "reason");

        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.ImpersonationSessions.CountAsync(s => s.CustomerId == customer.Id, Ct)));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task An_e_mail_with_control_characters_answers_400_wherever_it_is_given(string text)
    {
        var email = text.Replace("a", "x", StringComparison.Ordinal) + "@acme.test";
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var before = await factory.WithDatabaseAsync(db => db.Users.CountAsync(Ct));

        await AssertFieldErrorAsync(await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Whatever-1" }, Ct), "email");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "Member" }, Ct), "email");
        await AssertFieldErrorAsync(await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName = $"Clean {Guid.NewGuid():N}", adminEmail = email, adminPassword = TestCustomer.Password }, Ct), "adminEmail");

        Assert.Equal(before, await factory.WithDatabaseAsync(db => db.Users.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("/api/v1/audit-events?actor=a%00b", "actor")]
    [InlineData("/api/v1/audit-events?target=%1B", "target")]
    [InlineData("/api/v1/users?q=a%C2%85b", "q")]
    public async Task A_filter_with_control_characters_answers_400_naming_it(string path, string field)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        await AssertFieldErrorAsync(await admin.GetAsync(path, Ct), field);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No message for '{field}' in {problem}");
    }
}
