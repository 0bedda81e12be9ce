namespace DataTricks.Domain.Customers;

public sealed record CustomerSummary(
    Guid Id, string Name, bool IsPlatformOperator, DateTimeOffset CreatedAt, int UserCount, int RepoCount, int EnvironmentCount);
