namespace DataTricks.Domain.Users;

/// <param name="DirectoryManaged">Whether the customer's directory keeps the person (SCIM): their name is changed there, unless an admin detaches them.</param>
public sealed record UserView(Guid Id, string Email, string DisplayName, string Role, bool IsActive, DateTimeOffset CreatedAt, bool DirectoryManaged = false);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Role, string? Password);

public sealed record UpdateUserRequest(string? DisplayName, string? Role, bool? IsActive);

/// <summary>A created user, and the password generated for them when none was given: shown this once.</summary>
public sealed record CreatedUser(UserView User, string? GeneratedPassword);

/// <summary>A user offered by a picker (to add to a repo or a group).</summary>
public sealed record PersonChoice(Guid UserId, string Email, string DisplayName);
