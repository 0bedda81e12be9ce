namespace DataTricks.Domain.Auditing;

/// <summary>
/// One audit event. <see cref="Actor"/> says who acted in words: an e-mail, "system", for support staff
/// "staff@… acting in Customer", so the same person never appears twice, and for the customer's directory over SCIM
/// "the directory (token name)". <see cref="Summary"/> is what they did
/// ("created environment"), read before <see cref="TargetName"/>: the target's current name, or null when it no
/// longer exists (<see cref="TargetDeleted"/>) or has no name.
/// </summary>
public sealed record AuditEventView(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Action,
    Guid? ActorUserId,
    string? ActorEmail,
    Guid? ImpersonatorUserId,
    string? ImpersonatorEmail,
    string? TargetType,
    string? TargetId,
    string? Details,
    string Actor,
    string Summary,
    string? TargetName,
    bool TargetDeleted);
