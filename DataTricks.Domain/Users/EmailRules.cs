using System.Net.Mail;

namespace DataTricks.Domain.Users;

public static class EmailRules
{
    public const int MaxLength = 256;

    /// <summary>A single plain address (no display name, no list) with a dotted domain.</summary>
    // Stryker disable once Equality : an empty address is refused by MailAddress as well, so "> 0" and ">= 0" agree.
    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);
}
