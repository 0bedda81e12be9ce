namespace DataTricks.Domain.Customers;

/// <summary>
/// A customer with its sizes; for staff, also until when it grants support access and who granted it, how many of its
/// environments need attention (Failed or Degraded) and when anything last happened in it (its newest audit event).
/// </summary>
public sealed record CustomerSummary(
    Guid Id, string Name, bool IsPlatformOperator, DateTimeOffset CreatedAt, int UserCount, int RepoCount, int EnvironmentCount,
    DateTimeOffset? SupportAccessUntil = null, string? SupportAccessGrantedBy = null,
    int EnvironmentsNeedingAttention = 0, DateTimeOffset? LastActivityAt = null, long Version = 0);
