namespace DataTricks.Domain.Auditing;

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
    string? Details);
