namespace DataTricks.Domain.SupportAccess;

/// <summary>The customer's active grant of support access, as the API and the settings page show it.</summary>
public sealed record SupportAccessView(Guid? GrantedByUserId, string? GrantedBy, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);
