using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// Where a customer wants its events posted: a URL, the event types it wants, and the secret deliveries are signed
/// with (sealed by the data protector: it must be read to sign, so it cannot be hashed). A rotated secret stays valid
/// beside the new one for <see cref="RotationOverlap"/>. An endpoint that answers 410 Gone, or fails for
/// <see cref="DisableAfterFailingFor"/>, is disabled; its pending deliveries wait for it to be enabled again.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 500;
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan DisableAfterFailingFor = TimeSpan.FromDays(3);
    public const string DisabledByAdmin = "Disabled by an admin.";
    public static TextRule DescriptionRule => new("The description", DescriptionMaxLength, multiline: false, required: false);

    private WebhookEndpoint() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Url { get; private set; } = "";
    public string Description { get; private set; } = "";
    public IReadOnlyList<string> EventTypes { get; private set; } = [];
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The secret before the last rotation, valid until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    public bool Enabled { get; private set; } = true;
    public DateTimeOffset? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }
    public DateTimeOffset? LastFailureAt { get; private set; }

    // Health: written by deliveries with single UPDATEs (WebhookHealth), since attempts of one endpoint run side by side.

    /// <summary>Failed attempts since the last success.</summary>
    public int FailureStreak { get; private set; }

    /// <summary>The first failure since the last success: what "failing for 3 days" counts from.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookEndpoint Create(Guid customerId, string url, string description, IReadOnlyList<string> eventTypes, string protectedSecret, DateTimeOffset now)
    {
        var endpoint = new WebhookEndpoint { Id = Guid.CreateVersion7(now), CustomerId = customerId, ProtectedSecret = protectedSecret, CreatedAt = now };
        endpoint.Change(url, description, eventTypes, now);
        return endpoint;
    }

    /// <summary>Takes a URL and types the service has checked; refuses types nobody can subscribe to.</summary>
    public void Change(string url, string description, IReadOnlyList<string> eventTypes, DateTimeOffset now)
    {
        if (eventTypes.Count == 0 || eventTypes.Any(t => !Events.EventTypes.IsSubscribable(t)))
            throw new DomainException("An endpoint subscribes to one or more of the event types.");
        Url = url;
        Description = description;
        EventTypes = [.. eventTypes.Distinct().Order(StringComparer.Ordinal)];
        UpdatedAt = now;
    }

    public bool Wants(string eventType) => Enabled && EventTypes.Contains(eventType);

    /// <summary>The secrets to sign with at <paramref name="now"/>: the current one, and the previous one during the overlap.</summary>
    public IReadOnlyList<string> ProtectedSecretsAt(DateTimeOffset now) =>
        ProtectedPreviousSecret is { } previous && now < PreviousSecretExpiresAt ? [ProtectedSecret, previous] : [ProtectedSecret];

    public void RotateSecret(string protectedSecret, DateTimeOffset now)
    {
        ProtectedPreviousSecret = ProtectedSecret;
        PreviousSecretExpiresAt = now + RotationOverlap;
        ProtectedSecret = protectedSecret;
        UpdatedAt = now;
    }

    public void Enable(DateTimeOffset now)
    {
        Enabled = true;
        DisabledAt = null;
        DisabledReason = null;
        FailureStreak = 0;
        FailingSince = null;
        UpdatedAt = now;
    }

    /// <summary>Disabled by DataTricks (410 Gone, days of failures) rather than by an admin: its admins must be told.</summary>
    public bool NeedsAttention => !Enabled && DisabledReason != DisabledByAdmin;

    public void Disable(string reason, DateTimeOffset now)
    {
        Enabled = false;
        DisabledAt = now;
        DisabledReason = reason;
        UpdatedAt = now;
    }
}
