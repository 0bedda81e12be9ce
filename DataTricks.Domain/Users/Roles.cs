namespace DataTricks.Domain.Users;

/// <summary>The role names. Admin and Member apply within a customer; Support only to staff of the platform operator.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Member = "Member";
    public const string Support = "Support";

    public static readonly IReadOnlyList<string> All = [Admin, Member, Support];

    /// <summary>The roles a user of a customer can have.</summary>
    public static readonly IReadOnlyList<string> OfCustomer = [Admin, Member];
}
