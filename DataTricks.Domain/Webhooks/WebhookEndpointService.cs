using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// The customer's webhook endpoints (admins only; support staff acting in the customer may look, not change): where
/// events go, the secrets they are signed with, and what became of each delivery.
/// </summary>
public sealed class WebhookEndpointService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, IHostAddresses addresses,
    IDataProtectionProvider protection, DeliveryWakeup wakeup, WebhookActivity activity, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const int MaxEndpoints = 20;

    private static Failure EndpointNotFound => Failure.NotFound("The webhook endpoint");

    public async Task<Result<IReadOnlyList<WebhookEndpointView>>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (RefuseReading() is { } refused)
            return refused;
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return endpoints.Select(WebhookEndpointView.Of).ToList();
    }

    /// <summary>The endpoints DataTricks disabled (410 Gone, days of failures), for the notice every admin page shows; none for others.</summary>
    public async Task<IReadOnlyList<WebhookEndpointView>> NeedingAttentionAsync(CancellationToken cancellationToken = default)
    {
        if (RefuseReading() is not null)
            return [];
        var disabled = await db.WebhookEndpoints.AsNoTracking().Where(w => !w.Enabled).OrderBy(w => w.DisabledAt).ToListAsync(cancellationToken);
        return [.. disabled.Where(w => w.NeedsAttention).Select(WebhookEndpointView.Of)];
    }

    public async Task<Result<WebhookEndpointView>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (RefuseReading() is { } refused)
            return refused;
        return await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } endpoint
            ? WebhookEndpointView.Of(endpoint)
            : EndpointNotFound;
    }

    public async Task<Result<CreatedWebhookEndpoint>> CreateAsync(CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeWebhooks, cancellationToken) is { } refused)
            return refused;
        var checkedRequest = await CheckAsync(request.Url, request.Description ?? "", request.EventTypes, cancellationToken);
        if (!checkedRequest.Succeeded)
            return checkedRequest.Failure;
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");
        if (await db.WebhookEndpoints.CountAsync(cancellationToken) >= MaxEndpoints)
            return Failure.Conflict(ProblemCodes.InvalidState, $"A customer has at most {MaxEndpoints} webhook endpoints; delete one you no longer use, or subscribe one to more event types.");
        var (url, description, types) = checkedRequest.Value;
        var secret = WebhookSecret.Generate();
        var endpoint = WebhookEndpoint.Create(customerId, url, description, types, Protector.Protect(secret), time.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(AuditActions.WebhookCreated, "webhook", endpoint.Id, $"{url} for {string.Join(", ", types)}");
        await SaveAsync(cancellationToken);
        return new CreatedWebhookEndpoint(WebhookEndpointView.Of(endpoint), secret);
    }

    public async Task<Result<WebhookEndpointView>> UpdateAsync(Guid id, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeWebhooks, cancellationToken) is { } refused)
            return refused;
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (endpoint is null)
            return EndpointNotFound;
        var checkedRequest = await CheckAsync(request.Url ?? endpoint.Url, request.Description ?? endpoint.Description, request.EventTypes ?? endpoint.EventTypes, cancellationToken);
        if (!checkedRequest.Succeeded)
            return checkedRequest.Failure;
        var (url, description, types) = checkedRequest.Value;
        var now = time.GetUtcNow();
        endpoint.Change(url, description, types, now);
        var changes = new List<string> { url };
        if (request.Enabled is { } enabled && enabled != endpoint.Enabled)
        {
            if (enabled)
                endpoint.Enable(now);
            else
                endpoint.Disable(WebhookEndpoint.DisabledByAdmin, now);
            changes.Add(enabled ? "enabled" : "disabled");
        }
        audit.Record(AuditActions.WebhookUpdated, "webhook", endpoint.Id, string.Join(", ", changes));
        await SaveAsync(cancellationToken);
        // Enabled again: the deliveries that waited for it are due.
        if (endpoint.Enabled)
            wakeup.Wake();
        return WebhookEndpointView.Of(endpoint);
    }

    public async Task<Result<WebhookEndpointView>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeWebhooks, cancellationToken) is { } refused)
            return refused;
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (endpoint is null)
            return EndpointNotFound;
        db.WebhookEndpoints.Remove(endpoint);
        audit.Record(AuditActions.WebhookDeleted, "webhook", endpoint.Id, endpoint.Url);
        await SaveAsync(cancellationToken);
        return WebhookEndpointView.Of(endpoint);
    }

    /// <summary>A new secret; the previous one still signs deliveries for <see cref="WebhookEndpoint.RotationOverlap"/>, so receivers can switch without losing any.</summary>
    public async Task<Result<RotatedWebhookSecret>> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeWebhooks, cancellationToken) is { } refused)
            return refused;
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (endpoint is null)
            return EndpointNotFound;
        var secret = WebhookSecret.Generate();
        endpoint.RotateSecret(Protector.Protect(secret), time.GetUtcNow());
        audit.Record(AuditActions.WebhookSecretRotated, "webhook", endpoint.Id, $"{endpoint.Url}: the previous secret signs too until {endpoint.PreviousSecretExpiresAt:u}");
        await SaveAsync(cancellationToken);
        return new RotatedWebhookSecret(secret, endpoint.PreviousSecretExpiresAt!.Value);
    }

    /// <summary>Sends a <see cref="EventTypes.WebhookTest"/> event to the endpoint alone; answers the event's id, whose delivery the log shows.</summary>
    public async Task<Result<Guid>> SendTestAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.SendWebhooks, cancellationToken) is { } refused)
            return refused;
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (endpoint is null)
            return EndpointNotFound;
        if (!endpoint.Enabled)
            return Disabled;
        var test = CustomerEvent.TestFor(endpoint.CustomerId, endpoint.Id, time.GetUtcNow());
        db.CustomerEvents.Add(test);
        audit.Record(AuditActions.WebhookTested, "webhook", endpoint.Id, endpoint.Url);
        await SaveAsync(cancellationToken);
        return test.Id;
    }

    /// <summary>An endpoint's deliveries, newest first, with their latest attempt.</summary>
    public async Task<Result<Page<WebhookDeliveryView>>> DeliveriesAsync(
        Guid id, WebhookDeliveryFilter filter, string? pageToken, int? pageSize, CancellationToken cancellationToken = default)
    {
        if (RefuseReading() is { } refused)
            return refused;
        var size = pageSize ?? ListQuery.DefaultLimit;
        var errors = ListQuery.CheckPageSize(new FieldErrors(), pageSize)
            .Check(PageToken.TryParse(pageToken, out var after), "pageToken", ListQuery.TokenRule)
            .Check((filter.Query?.Trim().Length ?? 0) <= 100, "q", "Search for at most 100 characters: an event type or an event id.");
        if (errors.Any)
            return errors.ToFailure();
        if (!await db.WebhookEndpoints.AnyAsync(w => w.Id == id, cancellationToken))
            return EndpointNotFound;

        var deliveries = Filtered(db.WebhookDeliveries.Where(d => d.EndpointId == id), filter);
        if (after is { } position)
            deliveries = deliveries.Where(d => d.CreatedAt < position.At || (d.CreatedAt == position.At && d.Id.CompareTo(position.Id) < 0));
        var rows = await Views(deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(size + 1)).ToListAsync(cancellationToken);
        var shown = rows.Take(size).ToList();
        var next = rows.Count > size ? new PageToken(shown[^1].CreatedAt, shown[^1].Id).ToString() : null;
        return new Page<WebhookDeliveryView>(shown, next);
    }

    public async Task<Result<WebhookDeliveryDetail>> DeliveryAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        if (RefuseReading() is { } refused)
            return refused;
        var delivery = await Views(db.WebhookDeliveries.Where(d => d.EndpointId == id && d.Id == deliveryId)).FirstOrDefaultAsync(cancellationToken);
        if (delivery is null)
            return Failure.NotFound("The delivery");
        var attempts = await db.WebhookAttempts.Where(a => a.DeliveryId == deliveryId).OrderByDescending(a => a.Number)
            .Select(a => new WebhookAttemptView(a.Number, a.At, a.Succeeded, a.StatusCode, a.DurationMs, a.Response, a.Error))
            .ToListAsync(cancellationToken);
        return new WebhookDeliveryDetail(delivery, attempts);
    }

    /// <summary>Attempts the delivery once more now, whatever became of it; one being attempted right now is left to finish.</summary>
    public async Task<Result<WebhookDeliveryView>> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.SendWebhooks, cancellationToken) is { } refused)
            return refused;
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        var delivery = endpoint is null ? null : await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.EndpointId == id && d.Id == deliveryId, cancellationToken);
        if (endpoint is null || delivery is null)
            return Failure.NotFound("The delivery");
        if (!endpoint.Enabled)
            return Disabled;
        var now = time.GetUtcNow();
        if (!delivery.IsBeingAttemptedAt(now))
        {
            delivery.Redeliver(now);
            audit.Record(AuditActions.WebhookRedelivered, "webhook", endpoint.Id, $"{delivery.EventType} to {endpoint.Url}");
            await SaveAsync(cancellationToken);
            wakeup.Wake();
        }
        return (await Views(db.WebhookDeliveries.Where(d => d.Id == deliveryId)).FirstAsync(cancellationToken));
    }

    /// <summary>Saves, and tells the customer's open webhook pages.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (tenant.CustomerId is { } customerId)
            activity.Publish(customerId);
    }

    private static Failure Disabled => Failure.Conflict(ProblemCodes.InvalidState, "The endpoint is disabled; enable it first.");

    private Failure? RefuseReading() =>
        tenant.IsAdmin ? null : Failure.Forbidden("Only an admin of the customer can see its webhooks; ask one of your admins.");

    private IDataProtector Protector => protection.CreateProtector(WebhookSecret.ProtectionPurpose);

    /// <summary>The URL, description and types of an endpoint, checked and cleaned; the URL's host is resolved and must be public.</summary>
    private async Task<Result<(string Url, string Description, IReadOnlyList<string> Types)>> CheckAsync(
        string? url, string description, IReadOnlyList<string>? types, CancellationToken cancellationToken)
    {
        var allowPrivate = options.Value.AllowPrivateTargets;
        var trimmed = url?.Trim();
        var described = WebhookEndpoint.DescriptionRule.Check(description);
        var unknown = (types ?? []).Where(t => !EventTypes.IsSubscribable(t)).ToList();
        var errors = new FieldErrors()
            .Check("description", described)
            .Check(types is { Count: > 0 }, "eventTypes", "Choose at least one event type.")
            .Check(unknown.Count == 0, "eventTypes", $"Unknown event types: {string.Join(", ", unknown)}. The types are: {string.Join(", ", EventTypes.Subscribable.Select(t => t.Name))}.");
        var urlProblem = WebhookTargets.UrlProblem(trimmed, allowPrivate);
        if (urlProblem is null)
        {
            var host = new Uri(trimmed!).IdnHost;
            urlProblem = WebhookTargets.AddressProblem(host, await addresses.ResolveAsync(host, cancellationToken), allowPrivate);
        }
        errors.Check(urlProblem is null, "url", urlProblem ?? "");
        if (errors.Any)
            return errors.ToFailure();
        return (trimmed!, described.Value, types!);
    }

    private static IQueryable<WebhookDelivery> Filtered(IQueryable<WebhookDelivery> deliveries, WebhookDeliveryFilter filter)
    {
        if (filter.Status is { } status)
            deliveries = deliveries.Where(d => d.Status == status);
        if (filter.Query?.Trim() is { Length: > 0 } text)
            deliveries = Guid.TryParse(text, out var eventId)
                ? deliveries.Where(d => d.Id == eventId || d.EventId == eventId)
                : deliveries.Where(d => d.EventType.Contains(text.ToLowerInvariant()));
        return deliveries;
    }

    private static IQueryable<WebhookDeliveryView> Views(IQueryable<WebhookDelivery> deliveries) =>
        deliveries.Select(d => new WebhookDeliveryView(
            d.Id, d.EventId, d.EventType, d.Status, d.Attempts,
            d.LastAttemptAt == null ? null : new WebhookAttemptView(d.Attempts, d.LastAttemptAt.Value, d.LastStatusCode >= 200 && d.LastStatusCode < 300, d.LastStatusCode, d.LastDurationMs ?? 0, d.LastResponse, d.LastError),
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.CreatedAt, d.DeliveredAt));
}
