using System.Net.Mail;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.Users;

public static class EmailRules
{
    public const int MaxLength = 256;

    /// <summary>A single plain address (no display name, no list) with a dotted domain, and clean text (no NUL or other control character).</summary>
    public static bool IsValid(string? email) =>
        // An empty address needs no rule of its own: MailAddress refuses it.
        email is { Length: <= MaxLength }
        && CleanText.IsClean(email)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);
}
