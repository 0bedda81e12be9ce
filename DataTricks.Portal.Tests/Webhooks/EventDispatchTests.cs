using DataTricks.Domain.Events;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>The dispatch of written events: what it reads to find the ones not handed on yet.</summary>
public sealed class EventDispatchTests : DomainTest
{
    [Fact]
    public async Task The_dispatcher_finds_undispatched_events_in_an_index_of_those_alone()
    {
        // Every event is written undispatched, then updated: an index of all of them filled with the entries of old row
        // versions under load, and PostgreSQL read about 1,000 pages of the table to find 20 events.
        await Domain.CreateEnvironmentAsync();
        var sequencer = Domain.Services.GetRequiredService<EventSequencer>();

        var queries = await Domain.QueryPlans.OfAsync(async () => Assert.True(await sequencer.DispatchAsync(Ct) > 0));

        var undispatched = Assert.Single(queries, q => q.Sql.Contains("\"DispatchedAt\" IS NULL", StringComparison.Ordinal));
        Assert.Contains("IX_CustomerEvents_Undispatched", undispatched.Plan);
        Assert.Equal(0, await Domain.AsSystemAsync(db => db.CustomerEvents.CountAsync(e => e.DispatchedAt == null, Ct)));
    }
}
