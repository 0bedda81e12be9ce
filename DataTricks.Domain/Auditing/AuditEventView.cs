namespace DataTricks.Domain.Auditing;

/// <summary>
/// One audit event. <see cref="Actor"/> says who acted in words: an e-mail, "system", or for support staff
/// "staff@… (DataTricks support, acting in Customer)", so the same person never appears twice.
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
    string Actor);
