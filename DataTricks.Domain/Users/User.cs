using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Domain.Users;

/// <summary>A person who logs in. The e-mail is the login and is unique platform-wide; the user belongs to one customer.</summary>
public sealed class User : IdentityUser<Guid>, ITenantOwned
{
    public const int DisplayNameMaxLength = 100;
    public static readonly NameRule DisplayNameRule = new("The display name", DisplayNameMaxLength);

    public Guid CustomerId { get; set; }
    public string DisplayName
    {
        get;
        set
        {
            field = value;
            SortKey = NaturalSortKey.Of(value);
        }
    } = "";

    /// <summary>The <see cref="NaturalSortKey"/> of <see cref="DisplayName"/>: what tables sort by.</summary>
    public string SortKey { get; private set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public const int ExternalIdMaxLength = 255;
    public const int NamePartMaxLength = 100;

    /// <summary>
    /// Whether the customer's directory keeps this person (it created or last wrote them over SCIM): their name is then
    /// changed there, not by hand in the portal, until an admin detaches them.
    /// </summary>
    public bool DirectoryManaged { get; set; }

    /// <summary>Why <paramref name="caller"/> may not change the name by hand: the directory keeps it. Null when they may.</summary>
    public Failure? RefuseRenameBy(ITenantContext caller) =>
        DirectoryManaged && caller.DirectoryName is null
            ? Failure.Conflict(ProblemCodes.DirectoryManaged,
                $"{Email}'s name comes from your company's directory (SCIM): change it there, or have an admin detach them from the directory first.")
            : null;

    /// <summary>The directory's own id of the person (SCIM <c>externalId</c>).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The parts of the name a directory sends (SCIM <c>name.givenName</c>, <c>name.familyName</c>), kept to send back.</summary>
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }

    /// <summary>
    /// Changes when every sign-in of the user must end (deactivation, password reset, "sign out everywhere"); portal
    /// sessions carry it. Identity's <see cref="IdentityUser{TKey}.SecurityStamp"/> also changes with the role, which
    /// ends access tokens but only refreshes a portal session's rights.
    /// </summary>
    public string SessionStamp { get; private set; } = NewStamp();

    public void EndSessions() => SessionStamp = NewStamp();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    public static User Create(Guid customerId, string email, string? displayName, DateTimeOffset now)
    {
        var trimmedEmail = email.Trim();
        return new User
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Email = trimmedEmail,
            UserName = trimmedEmail,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? trimmedEmail : DisplayNameRule.Check(displayName).Value,
            CreatedAt = now,
        };
    }

    /// <summary>A display name that may be left out (the e-mail stands in for it): blank passes, anything else follows the rule.</summary>
    /// <summary>The user as the API shows them, with the role Identity keeps apart.</summary>
    public UserView ToView(string role) => new(Id, Email!, DisplayName, role, IsActive, CreatedAt, DirectoryManaged);

    public static NameCheck OptionalDisplayName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? new NameCheck("", null) : DisplayNameRule.Check(displayName);
}
