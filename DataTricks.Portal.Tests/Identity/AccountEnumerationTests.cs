using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Domain.Auditing;
using DataTricks.Portal.Security;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Identity;

/// <summary>
/// An address is unique within a customer only, so nobody outside a customer learns from an answer whether an address
/// has an account in it: sign-up and adding a user answer the same for an address taken elsewhere and a free one, while
/// a customer's own admins are still told of a clash in their customer; and sign-in opens the account the password is for.
/// </summary>
public sealed class AccountEnumerationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Str0ng-Password!";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ApiClients.AcmeAdmin)]
    [InlineData(ApiClients.Support)]
    public async Task Sign_up_answers_the_same_for_an_address_with_an_account_elsewhere_as_for_a_free_one(string takenElsewhere)
    {
        var who = takenElsewhere.Split('@')[0];
        var free = await SignUpAsync($"Free {who}", $"free.{takenElsewhere}");
        var taken = await SignUpAsync($"Taken {who}", takenElsewhere);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (free.StatusCode, taken.StatusCode));
        Assert.Equal(PropertyNames(await free.JsonAsync()), PropertyNames(await taken.JsonAsync()));
    }

    [Theory]
    [InlineData(ApiClients.AcmeAdmin)]
    [InlineData(ApiClients.Support)]
    public async Task An_admin_adding_an_address_with_an_account_elsewhere_is_answered_as_for_a_free_one(string takenElsewhere)
    {
        var who = takenElsewhere.Split('@')[0];
        await SignUpAsync($"Prober of {who}", $"{who}@prober.test");
        var prober = await factory.SignedInAsync($"{who}@prober.test", Password);

        var free = await prober.PostAsJsonAsync("/api/v1/users", new { email = $"free.{takenElsewhere}", role = "Member" }, Ct);
        var taken = await prober.PostAsJsonAsync("/api/v1/users", new { email = takenElsewhere, role = "Member" }, Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (free.StatusCode, taken.StatusCode));
        Assert.Equal(PropertyNames(await free.JsonAsync()), PropertyNames(await taken.JsonAsync()));
    }

    [Fact]
    public async Task An_address_already_in_the_admins_own_customer_is_still_a_conflict()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = ApiClients.AcmeMember.ToUpperInvariant(), role = "Member" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("email-taken", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Each_password_of_an_address_opens_the_account_it_belongs_to()
    {
        await SignUpAsync("First Home", "both@homes.test", "First-Passw0rd!");
        await SignUpAsync("Second Home", "both@homes.test", "Second-Passw0rd!");

        Assert.Equal("First Home", await CustomerNameAsync(await TokenAsync(new { email = "both@homes.test", password = "First-Passw0rd!" })));
        Assert.Equal("Second Home", await CustomerNameAsync(await TokenAsync(new { email = "both@homes.test", password = "Second-Passw0rd!" })));
    }

    [Fact]
    public async Task A_password_that_opens_accounts_in_several_customers_asks_which_and_a_named_one_opens_it()
    {
        var alpha = await CustomerIdAsync(await SignUpAsync("Alpha Shared", "shared@twice.test"));
        var beta = await CustomerIdAsync(await SignUpAsync("Beta Shared", "shared@twice.test"));

        var ambiguous = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "shared@twice.test", password = Password }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        var problem = await ambiguous.JsonAsync();
        Assert.Equal("customer-required", problem.GetProperty("code").GetString());
        Assert.Equal([(alpha, "Alpha Shared"), (beta, "Beta Shared")],
            problem.GetProperty("customers").EnumerateArray().Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("name").GetString())));
        Assert.Equal("Beta Shared", await CustomerNameAsync(await TokenAsync(new { email = "shared@twice.test", password = Password, customerId = beta })));
    }

    [Fact]
    public async Task Naming_a_customer_whose_account_the_password_does_not_open_is_the_same_401()
    {
        await SignUpAsync("Mine Co", "named@mine.test");
        var globex = await factory.WithDatabaseAsync(db => db.Customers.Where(c => c.Name == "Globex").Select(c => c.Id).SingleAsync(Ct));

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = "named@mine.test", password = Password, customerId = globex }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_for_an_address_in_two_customers_is_one_401_audited_in_both()
    {
        await SignUpAsync("Audit One", "audited@two.test");
        await SignUpAsync("Audit Two", "audited@two.test");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "audited@two.test", password = "Wrong-Passw0rd!" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var audited = await factory.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.SignInFailed && e.Details!.StartsWith("audited@two.test"))
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (_, c) => c.Name).ToListAsync(Ct));
        Assert.Equal(["Audit One", "Audit Two"], audited.Order());
    }

    [Fact]
    public async Task Accounts_made_later_with_the_same_address_cannot_crowd_out_the_first()
    {
        await SignUpAsync("Original Owner", "crowded@victim.test", "Owners-Passw0rd!");
        for (var i = 0; i < PasswordSignIn.MaxAccountsPerAddress; i++)
        {
            factory.Time.Advance(TimeSpan.FromMinutes(1));
            await SignUpAsync($"Crowd {i}", "crowded@victim.test", $"Crowd-Passw0rd-{i}!");
        }

        Assert.Equal("Original Owner", await CustomerNameAsync(await TokenAsync(new { email = "crowded@victim.test", password = "Owners-Passw0rd!" })));
    }

    private async Task<HttpResponseMessage> SignUpAsync(string customerName, string adminEmail, string adminPassword = Password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup", new { customerName, adminEmail, adminPassword }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response;
    }

    private static async Task<Guid> CustomerIdAsync(HttpResponseMessage signup) => (await signup.JsonAsync()).GetProperty("customerId").GetGuid();

    private async Task<string> TokenAsync(object request)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }

    private async Task<string?> CustomerNameAsync(string token) =>
        (await (await factory.WithBearer(token).GetAsync("/api/v1/customer", Ct)).JsonAsync()).GetProperty("name").GetString();

    private static List<string> PropertyNames(JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name)];
}
