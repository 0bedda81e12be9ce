namespace DataTricks.Domain.Customers;

public sealed record SignupRequest(string? CustomerName, string? AdminEmail, string? AdminPassword, string? AdminDisplayName);

public sealed record SignupResult(Guid CustomerId, Guid UserId);
