using System.Text.Json;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// The database side of one attempt of a claimed delivery: what to post, and what came of it, each in a short unit of
/// work of its own so that no context is held while the endpoint answers. An endpoint answering 410 Gone, or failing
/// for <see cref="WebhookEndpoint.DisableAfterFailingFor"/>, is disabled, audited, and shown to its admins.
/// </summary>
public sealed class WebhookDeliveryRunner(TenantDbContextFactory contexts, IDataProtectionProvider protection, WebhookActivity activity, TimeProvider time)
{

    /// <summary>The message of a delivery <paramref name="owner"/> holds, or null when it holds it no more.</summary>
    public async Task<WebhookMessage?> LoadAsync(Guid deliveryId, string owner, CancellationToken cancellationToken)
    {
        var (db, _) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var row = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Id == deliveryId && d.LeaseOwner == owner)
            .Join(db.WebhookEndpoints, d => d.EndpointId, w => w.Id, (d, w) => new { d, w })
            .Join(db.CustomerEvents, x => x.d.EventSequence, e => e.Sequence, (x, e) => new { x.d, x.w, e })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        var protector = protection.CreateProtector(WebhookSecret.ProtectionPurpose);
        var secrets = row.w.ProtectedSecretsAt(time.GetUtcNow()).Select(protector.Unprotect).ToList();
        var body = JsonSerializer.Serialize(row.e.ToView(), EventJson.Options);
        return new WebhookMessage(row.d.Id, row.w.Id, row.w.Url, row.e.Id.ToString(), body, secrets);
    }

    /// <summary>Records the attempt and the endpoint's health; nothing when the lease was lost meanwhile (another node's attempt counts).</summary>
    public async Task RecordAsync(Guid deliveryId, string owner, WebhookAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        var (db, tenant) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.LeaseOwner == owner, cancellationToken);
        if (delivery is null)
            return;
        tenant.Set(TenantScope.ForCustomer(delivery.CustomerId));
        var now = time.GetUtcNow();
        db.WebhookAttempts.Add(delivery.Record(outcome, giveUp: outcome.Gone, now));
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await RecordHealthAsync(db, tenant, delivery.EndpointId, outcome, now, cancellationToken);
        }
        finally
        {
            activity.Publish(delivery.CustomerId);
        }
    }

    private async Task RecordHealthAsync(
        DataTricksDbContext db, ITenantContext tenant, Guid endpointId, WebhookAttemptOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {

        var endpoints = db.WebhookEndpoints.Where(w => w.Id == endpointId);
        if (outcome.Succeeded)
        {
            await endpoints.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastSuccessAt, now).SetProperty(w => w.FailureStreak, 0)
                .SetProperty(w => w.FailingSince, (DateTimeOffset?)null), cancellationToken);
            return;
        }
        await endpoints.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastFailureAt, now).SetProperty(w => w.FailureStreak, w => w.FailureStreak + 1)
            .SetProperty(w => w.FailingSince, w => w.FailingSince ?? now), cancellationToken);
        var failingSince = now - WebhookEndpoint.DisableAfterFailingFor;
        var reason = outcome.Gone
            ? "The endpoint answered 410 Gone."
            : await endpoints.AnyAsync(w => w.Enabled && w.FailingSince <= failingSince, cancellationToken)
                ? $"Every delivery failed for {WebhookEndpoint.DisableAfterFailingFor.TotalDays:0} days."
                : null;
        if (reason is not null)
            await DisableAsync(db, tenant, endpointId, reason, now, cancellationToken);
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
            // Changed at the same moment (an admin, or another node disabling it): whoever won has the say.
        }
    }
}
