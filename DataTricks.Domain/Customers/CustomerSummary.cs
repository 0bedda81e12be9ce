namespace DataTricks.Domain.Customers;

/// <summary>A customer with its sizes; for staff, also until when it grants support access and who granted it.</summary>
public sealed record CustomerSummary(
    Guid Id, string Name, bool IsPlatformOperator, DateTimeOffset CreatedAt, int UserCount, int RepoCount, int EnvironmentCount,
    DateTimeOffset? SupportAccessUntil = null, string? SupportAccessGrantedBy = null);
