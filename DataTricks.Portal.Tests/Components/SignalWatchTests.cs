using Bunit;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Webhooks;
using DataTricks.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataTricks.Portal.Tests.Components;

/// <summary>The reloads a signal starts: one at a time, and one more after signals that came during one.</summary>
public sealed class SignalWatchTests : BunitContext
{
    private readonly Guid _customerId = Guid.NewGuid();
    private readonly WebhookActivity _activity = new(NullLogger<WebhookActivity>.Instance);

    public SignalWatchTests()
    {
        var tenant = new TenantContext(TimeProvider.System);
        tenant.Set(TenantScope.ForAdmin(_customerId));
        Services.AddSingleton(_activity).AddSingleton<ITenantContext>(tenant);
    }

    [Fact]
    public void Signals_during_a_reload_start_one_more_after_it_and_none_beside_it()
    {
        var reloads = new List<TaskCompletionSource>();
        var running = 0;
        var mostAtOnce = 0;
        var watch = Render<SignalWatch<WebhookActivity>>(p => p.Add(w => w.Changed, EventCallback.Factory.Create(this, async () =>
        {
            mostAtOnce = Math.Max(mostAtOnce, ++running);
            var reload = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            reloads.Add(reload);
            await reload.Task;
            running--;
        })));

        _activity.Publish(_customerId);
        watch.WaitForAssertion(() => Assert.Single(reloads));
        _activity.Publish(_customerId);
        _activity.Publish(_customerId);
        reloads[0].SetResult();

        watch.WaitForAssertion(() => Assert.Equal(2, reloads.Count));
        reloads[1].SetResult();
        watch.WaitForAssertion(() => Assert.Equal(0, running));
        Assert.Equal(2, reloads.Count);
        Assert.Equal(1, mostAtOnce);
    }
}
