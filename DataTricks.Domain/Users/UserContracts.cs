namespace DataTricks.Domain.Users;

public sealed record UserView(Guid Id, string Email, string DisplayName, string Role, bool IsActive, DateTimeOffset CreatedAt);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Role, string? Password);

public sealed record UpdateUserRequest(string? DisplayName, string? Role, bool? IsActive);

/// <summary>A created user, and the password generated for them when none was given: shown this once.</summary>
public sealed record CreatedUser(UserView User, string? GeneratedPassword);
