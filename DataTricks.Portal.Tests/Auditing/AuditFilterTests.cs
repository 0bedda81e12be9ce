using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Audit;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Auditing;

/// <summary>
/// The audit log read as an investigator would: filtered on the server by who, what, target and period, in sentences
/// with the targets' current names, and exported as CSV. Each test signs up a customer of its own.
/// </summary>
public sealed class AuditFilterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> EventsAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync($"/api/v1/audit-events?pageSize=100&{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }

    private static List<string?> Actions(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("action").GetString()).ToList();

    [Fact]
    public async Task Events_filter_by_action_area_actor_target_and_period_in_the_database()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (_, otherAdminEmail) = await customer.AddUserAsync(Roles.Admin);
        var otherAdmin = await factory.SignedInAsync(otherAdminEmail, TestCustomer.Password);
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var before = factory.Time.GetUtcNow();
        var token = await (await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "first-token" }, Ct)).JsonAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var between = factory.Time.GetUtcNow();
        await otherAdmin.PostAsJsonAsync("/api/v1/tokens", new { name = "second-token" }, Ct);

        Assert.Equal(["token.create", "token.create"], Actions(await EventsAsync(admin, "action=token.create")));
        Assert.Equal(["token.create", "token.create"], Actions(await EventsAsync(admin, "action=token")));
        Assert.Equal(["user.create"], Actions(await EventsAsync(admin, "action=user")));

        var byOther = await EventsAsync(admin, $"actor={Uri.EscapeDataString(otherAdminEmail[..12].ToUpperInvariant())}");
        Assert.Equal(["token.create"], Actions(byOther));
        Assert.Equal("second-token", byOther[0].GetProperty("targetName").GetString());

        var tokenId = token.GetProperty("id").GetString();
        var aboutFirst = await EventsAsync(admin, $"target={tokenId}");
        Assert.Equal("first-token", Assert.Single(aboutFirst).GetProperty("targetName").GetString());

        var window = await EventsAsync(admin, $"from={Uri.EscapeDataString(before.ToString("O"))}&to={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.Equal(["token.create"], Actions(window));
        Assert.Equal(customer.AdminEmail, window[0].GetProperty("actor").GetString());
        // The same window written two hours east is the same window.
        var east = TimeSpan.FromHours(2);
        var sameWindow = await EventsAsync(admin, $"from={Uri.EscapeDataString(before.ToOffset(east).ToString("O"))}&to={Uri.EscapeDataString(between.ToOffset(east).ToString("O"))}");
        Assert.Equal(Actions(window), Actions(sameWindow));
    }

    [Fact]
    public async Task Events_read_as_sentences_naming_their_targets_and_marking_deleted_ones()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (userId, email) = await customer.AddUserAsync(Roles.Member);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{userId}", Ct)).StatusCode);

        var events = await EventsAsync(admin, $"target={userId}");

        var created = events.Single(e => e.GetProperty("action").GetString() == "user.create");
        Assert.Equal("added user", created.GetProperty("summary").GetString());
        Assert.True(created.GetProperty("targetDeleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("targetName").ValueKind);
        Assert.Contains(email, created.GetProperty("details").GetString());
        Assert.Equal("deleted user", events.Single(e => e.GetProperty("action").GetString() == "user.delete").GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("action=environment.explode")]
    [InlineData("from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z")]
    [InlineData("from=yesterday")]
    public async Task A_bad_filter_is_a_400_problem(string query)
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        var response = await admin.GetAsync($"/api/v1/audit-events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_view_in_the_viewers_time_zone()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "=HYPERLINK(\"http://evil\")" }, Ct);
        var browser = await PortalBrowser.SignInAsync(factory, customer.AdminEmail, TestCustomer.Password);
        browser.SetCookie("dt_tz", "Asia/Tokyo");

        var response = await browser.GetAsync($"{AuditCsvEndpoint.Path}?action=token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header, lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines[1..]);
        Assert.Contains("+09:00,", row);
        Assert.Contains(",token.create,created access token,token,", row);
        // A name that a spreadsheet would run as a formula is written as text.
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", row);
    }

    [Fact]
    public async Task Members_cannot_export_the_audit_log()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, memberEmail) = await customer.AddUserAsync(Roles.Member);
        var browser = await PortalBrowser.SignInAsync(factory, memberEmail, TestCustomer.Password);

        var response = await browser.GetAsync(AuditCsvEndpoint.Path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string cell) => Assert.Equal(cell, AuditCsv.Cell(value));

    [Fact]
    public void A_day_range_covers_both_days_whole_on_the_viewers_clock()
    {
        var filter = AuditQuery.Parse(null, null, null, "2026-11-01", "2026-11-02").ToFilter(ViewerClock.Of("America/New_York"));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.FromHours(-5)), filter.To);
    }
}
