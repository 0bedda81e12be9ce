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
/// (a decoy one for unknown or deactivated accounts), at most a few at once; wrong passwords make that client address
/// wait longer and longer before trying that account again (<see cref="SignInBackoff"/>), and no account is ever
/// locked; failures of real accounts are audited in their customer. The user is found across customers (the e-mail is the login).
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<User> signInManager, UserManager<User> users, SignInThrottle throttle, SignInBackoff backoff, ITenantContext tenant, AuditLog audit,
    DataTricksDbContext db, IHttpContextAccessor http)
{
    /// <summary>For the token endpoint: no cookie is issued.</summary>
    public Task<SignInAttempt> CheckAsync(string? email, string? password, CancellationToken cancellationToken = default) =>
        AttemptAsync(email, password, user => signInManager.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: false), cancellationToken);

    /// <summary>For the sign-in form: issues the Identity cookie on success.</summary>
    public Task<SignInAttempt> SignInAsync(string? email, string? password, bool remember, CancellationToken cancellationToken = default) =>
        AttemptAsync(email, password, user => signInManager.PasswordSignInAsync(user, password!, remember, lockoutOnFailure: false), cancellationToken);

    private async Task<SignInAttempt> AttemptAsync(string? email, string? password, Func<User, Task<SignInResult>> check, CancellationToken cancellationToken)
    {
        // Refused before any lookup: no address holds such text, and PostgreSQL refuses a NUL in a query.
        if (email is not null && !CleanText.IsClean(email))
            return new SignInAttempt(SignInOutcome.Invalid);
        var address = ClientAddress.Of(http.HttpContext);
        if (backoff.RetryAfter(email, address) is { } wait)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: wait);
        using var slot = await throttle.EnterHashingAsync(cancellationToken);
        if (slot is null)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(1));

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(password))
        {
            throttle.SpendCheckTime(users.PasswordHasher, password);
            var pause = backoff.Failed(email, address);
            if (user is not null)
                await AuditFailureAsync(user, user.IsActive ? "no password given" : "deactivated", pause, address, cancellationToken);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        SignInResult result;
        using (tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id)))
            result = await check(user);
        if (result.Succeeded)
        {
            backoff.Succeeded(email, address);
            return new SignInAttempt(SignInOutcome.Succeeded, user);
        }
        await AuditFailureAsync(user, "wrong password", backoff.Failed(email, address), address, cancellationToken);
        return new SignInAttempt(SignInOutcome.Failed);
    }

    /// <summary>Recorded without an actor: whoever tried is not known to be the account's owner. A pause that starts is recorded too.</summary>
    private async Task AuditFailureAsync(User user, string reason, SignInBackoff.Pause pause, string address, CancellationToken cancellationToken)
    {
        using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId));
        audit.Record(AuditActions.SignInFailed, "user", user.Id, $"{user.Email}: {reason} (from {address})");
        if (pause.Started)
            audit.Record(AuditActions.SignInSlowed, "user", user.Id, $"{user.Email}: {address} now waits longer after each wrong password, starting at {pause.Wait.TotalSeconds:0} s");
        await db.SaveChangesAsync(cancellationToken);
    }
}
