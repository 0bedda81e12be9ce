using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Auditing;

public sealed class AuditEventsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_walk_the_whole_trail_newest_first_without_gaps_or_repeats()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        for (var i = 0; i < 5; i++)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await admin.PostAsJsonAsync("/api/v1/tokens", new { name = $"paging-{i}" }, Ct);
        }

        var seen = new List<(DateTimeOffset At, string Details)>();
        string? token = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/audit-events?pageSize=2&pageToken={token}", Ct)).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("occurredAt").GetDateTimeOffset(), e.GetProperty("details").GetString() ?? "")));
            token = page.GetProperty("nextPageToken").GetString();
        } while (token is not null);

        var paging = seen.Where(e => e.Details.Contains("paging-")).Select(e => e.Details).ToList();
        Assert.Equal(5, paging.Count);
        Assert.Equal(5, paging.Distinct().Count());
        Assert.StartsWith("Token 'paging-4'", paging[0]);
        Assert.Equal(seen.OrderByDescending(e => e.At).Select(e => e.At), seen.Select(e => e.At));
    }

    [Theory]
    [InlineData("pageToken=garbage")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=201")]
    public async Task Bad_paging_parameters_are_400(string query)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.GetAsync($"/api/v1/audit-events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Members_cannot_read_the_audit_log()
    {
        var member = await factory.SignedInAsync(ApiClients.AcmeMember);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/audit-events", Ct)).StatusCode);
    }
}
