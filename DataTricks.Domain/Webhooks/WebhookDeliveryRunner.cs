using System.Text.Json;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// The database side of attempts of claimed deliveries: what to post, and what came of them, each batch in a short unit
/// of work of its own so that no context is held while endpoints answer. An endpoint answering 410 Gone, or failing for
/// <see cref="WebhookEndpoint.DisableAfterFailingFor"/>, is disabled, audited, and shown to its admins.
/// </summary>
public sealed class WebhookDeliveryRunner(TenantDbContextFactory contexts, IDataProtectionProvider protection, WebhookActivity activity, TimeProvider time)
{
    /// <summary>The messages of the deliveries <paramref name="owner"/> holds among <paramref name="deliveryIds"/>, in event order.</summary>
    public async Task<List<WebhookMessage>> LoadAsync(IReadOnlyCollection<Guid> deliveryIds, string owner, CancellationToken cancellationToken)
    {
        if (deliveryIds.Count == 0)
            return [];
        var (db, _) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var rows = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => deliveryIds.Contains(d.Id) && d.LeaseOwner == owner)
            .Join(db.WebhookEndpoints, d => d.EndpointId, w => w.Id, (d, w) => new { d, w })
            .Join(db.CustomerEvents, x => x.d.EventSequence, e => e.Sequence, (x, e) => new { x.d, x.w, e })
            .OrderBy(x => x.d.EventSequence)
            .ToListAsync(cancellationToken);
        var protector = protection.CreateProtector(WebhookSecret.ProtectionPurpose);
        var now = time.GetUtcNow();
        return [.. rows.Select(row => new WebhookMessage(
            row.d.Id, row.w.Id, row.w.Url, row.e.Id.ToString(), JsonSerializer.Serialize(row.e.ToView(), EventJson.Options),
            [.. row.w.ProtectedSecretsAt(now).Select(protector.Unprotect)]))];
    }

    /// <summary>
    /// Records attempts and their endpoints' health, in one save; an attempt whose lease was lost meanwhile is left out
    /// (another node's attempt counts).
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<WebhookAttemptResult> results, string owner, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
            return;
        var (db, tenant) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var ids = results.Select(r => r.DeliveryId).ToList();
        var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.LeaseOwner == owner).ToDictionaryAsync(d => d.Id, cancellationToken);
        var recorded = results.Where(r => deliveries.ContainsKey(r.DeliveryId)).ToList();
        foreach (var result in recorded)
            db.WebhookAttempts.Add(deliveries[result.DeliveryId].Record(result.Outcome, giveUp: result.Outcome.Gone, result.At));
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            foreach (var ofEndpoint in recorded.GroupBy(r => deliveries[r.DeliveryId].EndpointId))
                await RecordHealthAsync(db, tenant, ofEndpoint.Key, deliveries[ofEndpoint.First().DeliveryId].CustomerId, [.. ofEndpoint.OrderBy(r => r.At)], cancellationToken);
        }
        finally
        {
            foreach (var customerId in deliveries.Values.Select(d => d.CustomerId).Distinct())
                activity.Publish(customerId);
        }
    }

    /// <summary>One endpoint's attempts, in the order they ended: its streak is what failed since the last success.</summary>
    private async Task RecordHealthAsync(
        DataTricksDbContext db, TenantContext tenant, Guid endpointId, Guid customerId, List<WebhookAttemptResult> attempts, CancellationToken cancellationToken)
    {
        var endpoints = db.WebhookEndpoints.Where(w => w.Id == endpointId);
        var lastSuccess = attempts.FindLastIndex(a => a.Outcome.Succeeded);
        var failures = attempts.Skip(lastSuccess + 1).ToList();
        if (lastSuccess >= 0)
        {
            var succeededAt = attempts[lastSuccess].At;
            DateTimeOffset? failingSince = failures.Count > 0 ? failures[0].At : null;
            await endpoints.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastSuccessAt, succeededAt).SetProperty(w => w.FailureStreak, failures.Count)
                .SetProperty(w => w.FailingSince, failingSince), cancellationToken);
        }
        if (failures.Count == 0)
            return;
        var (first, last) = (failures[0].At, failures[^1].At);
        if (lastSuccess < 0)
            await endpoints.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastFailureAt, last).SetProperty(w => w.FailureStreak, w => w.FailureStreak + failures.Count)
                .SetProperty(w => w.FailingSince, w => w.FailingSince ?? first), cancellationToken);
        else
            await endpoints.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastFailureAt, last), cancellationToken);
        var failingFor = last - WebhookEndpoint.DisableAfterFailingFor;
        var reason = failures.Any(f => f.Outcome.Gone)
            ? "The endpoint answered 410 Gone."
            : await endpoints.AnyAsync(w => w.Enabled && w.FailingSince <= failingFor, cancellationToken)
                ? $"Every delivery failed for {WebhookEndpoint.DisableAfterFailingFor.TotalDays:0} days."
                : null;
        if (reason is null)
            return;
        tenant.Set(TenantScope.ForCustomer(customerId));
        await DisableAsync(db, tenant, endpointId, reason, last, cancellationToken);
        tenant.Set(TenantScope.System);
    }

    private async Task DisableAsync(DataTricksDbContext db, ITenantContext tenant, Guid endpointId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == endpointId && w.Enabled, cancellationToken);
        if (endpoint is null)
            return;
        endpoint.Disable(reason, now);
        new AuditLog(db, tenant, time).Record(AuditActions.WebhookDisabled, "webhook", endpoint.Id, $"{endpoint.Url}: {reason}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted at the same moment: nothing is left to disable.
        }
    }
}

/// <summary>One attempt of a delivery, as the dispatcher hands it over to be recorded.</summary>
public sealed record WebhookAttemptResult(Guid DeliveryId, WebhookAttemptOutcome Outcome, DateTimeOffset At);
