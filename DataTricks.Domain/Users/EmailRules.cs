using System.Net.Mail;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.Users;

public static class EmailRules
{
    public const int MaxLength = 256;

    /// <summary>A single plain address (no display name, no list) with a dotted domain, and clean text (no NUL or other control character).</summary>
    // Stryker disable once Equality : an empty address is refused by MailAddress as well, so "> 0" and ">= 0" agree.
    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && CleanText.IsClean(email)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);
}
