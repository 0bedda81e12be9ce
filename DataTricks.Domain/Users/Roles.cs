using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The role Identity keeps for the user, if any.</summary>
    public static Task<string?> OfUserAsync(DataTricksDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).FirstOrDefaultAsync(cancellationToken);
}
