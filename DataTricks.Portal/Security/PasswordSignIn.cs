using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Portal.Security;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong e-mail or password, locked, or deactivated: told apart to nobody, so no one learns which accounts exist.</summary>
    Failed,

    /// <summary>The e-mail is not text an address can hold (a NUL or another control character): a 400 naming the field.</summary>
    Invalid,

    /// <summary>Too many attempts for this account, or too many sign-ins waiting to be checked: try again after <see cref="SignInAttempt.RetryAfter"/>.</summary>
    Throttled,
}

public sealed record SignInAttempt(SignInOutcome Outcome, User? User = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The one message every failure shows, on the API and the form alike.</summary>
    public const string FailedMessage = "The e-mail or password is incorrect, or the account cannot sign in right now.";

    public const string InvalidEmailMessage = "An e-mail address cannot contain control characters.";
}

/// <summary>
/// Checks an e-mail and password for the token endpoint and the sign-in form. Every attempt costs one password check
/// (a decoy one for unknown, locked or deactivated accounts), at most a few at once; attempts per account are limited;
/// failures and lockouts of real accounts are audited in their customer. The user is found across customers (the
/// e-mail is the login); their failure count is written in their own customer's scope.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<User> signInManager, UserManager<User> users, SignInThrottle throttle, ITenantContext tenant, AuditLog audit,
    DataTricksDbContext db, IHttpContextAccessor http)
{
    /// <summary>For the token endpoint: no cookie is issued.</summary>
    public Task<SignInAttempt> CheckAsync(string? email, string? password, CancellationToken cancellationToken = default) =>
        AttemptAsync(email, password, user => signInManager.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: true), cancellationToken);

    /// <summary>For the sign-in form: issues the Identity cookie on success.</summary>
    public Task<SignInAttempt> SignInAsync(string? email, string? password, bool remember, CancellationToken cancellationToken = default) =>
        AttemptAsync(email, password, user => signInManager.PasswordSignInAsync(user, password!, remember, lockoutOnFailure: true), cancellationToken);

    private async Task<SignInAttempt> AttemptAsync(string? email, string? password, Func<User, Task<SignInResult>> check, CancellationToken cancellationToken)
    {
        // Refused before any lookup: no address holds such text, and PostgreSQL refuses a NUL in a query.
        if (email is not null && !CleanText.IsClean(email))
            return new SignInAttempt(SignInOutcome.Invalid);
        if (throttle.AccountRetryAfter(email) is { } wait)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: wait);
        using var slot = await throttle.EnterHashingAsync(cancellationToken);
        if (slot is null)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(1));

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(password) || await users.IsLockedOutAsync(user))
        {
            throttle.SpendCheckTime(users.PasswordHasher, password);
            if (user is not null)
                await AuditAsync(user, AuditActions.SignInFailed, user.IsActive ? "locked out or no password given" : "deactivated", cancellationToken);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        SignInResult result;
        using (tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id)))
            result = await check(user);
        if (result.Succeeded)
            return new SignInAttempt(SignInOutcome.Succeeded, user);
        await AuditAsync(user, AuditActions.SignInFailed, "wrong password", cancellationToken);
        if (result.IsLockedOut)
            await AuditAsync(user, AuditActions.SignInLockedOut, "too many failed sign-ins", cancellationToken);
        return new SignInAttempt(SignInOutcome.Failed);
    }

    /// <summary>Recorded without an actor: whoever tried is not known to be the account's owner.</summary>
    private async Task AuditAsync(User user, string action, string reason, CancellationToken cancellationToken)
    {
        using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId));
        audit.Record(action, "user", user.Id, $"{user.Email}: {reason} (from {ClientAddress.Of(http.HttpContext)})");
        await db.SaveChangesAsync(cancellationToken);
    }
}
