using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Auditing;

/// <summary>
/// One write, recorded with who did it and, during support impersonation, which staff user acted.
/// User ids are kept without foreign keys so the trail outlives the users it names.
/// </summary>
public sealed class AuditEvent : ITenantOwned
{
    public const int ActionMaxLength = 100;
    public const int TargetMaxLength = 200;
    public const int DetailsMaxLength = 4000;

    private AuditEvent() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public Guid? ImpersonatorUserId { get; private set; }
    public string Action { get; private set; } = "";
    public string? TargetType { get; private set; }
    public string? TargetId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? Details { get; private set; }

    /// <summary>The SCIM token that acted for the customer's directory, by its name then; null for everyone else.</summary>
    public string? DirectoryName { get; private set; }

    public static AuditEvent Record(
        Guid customerId, Guid? actorUserId, Guid? impersonatorUserId, string action,
        string? targetType, string? targetId, string? details, DateTimeOffset now, string? directoryName = null) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            ActorUserId = actorUserId,
            ImpersonatorUserId = impersonatorUserId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is { Length: > DetailsMaxLength } ? details[..DetailsMaxLength] : details,
            OccurredAt = now,
            DirectoryName = directoryName,
        };
}
