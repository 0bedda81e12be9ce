using System.Net;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>An Idempotency-Key is remembered for a day, then forgotten: reused later, it starts a new request.</summary>
public sealed class IdempotencyExpiryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_older_than_its_lifetime_is_treated_as_new_and_expired_keys_are_cleaned_up()
    {
        var key = Guid.NewGuid().ToString();
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.CreateEnvironmentAsync("expiring-a", idempotencyKey: key)).StatusCode);
        var other = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.CreateEnvironmentAsync("expiring-b", idempotencyKey: other)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.CreateEnvironmentAsync("expiring-c", idempotencyKey: key)).StatusCode);

        factory.Time.Advance(IdempotencyRecord.Lifetime + TimeSpan.FromMinutes(1));
        admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var reused = await admin.CreateEnvironmentAsync("expiring-c", idempotencyKey: key);
        // The hourly cleanup may have run as the clock moved; running it again finds the rest.
        await factory.Services.GetRequiredService<IdempotencyRecords>().RemoveExpiredAsync(Ct);

        Assert.Equal(HttpStatusCode.Accepted, reused.StatusCode);
        Assert.False(reused.Headers.Contains("Idempotent-Replayed"));
        var keys = await factory.WithDatabaseAsync(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync(Ct));
        Assert.Equal([key], keys);
    }
}
