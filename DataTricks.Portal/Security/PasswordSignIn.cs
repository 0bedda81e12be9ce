using System.Security.Claims;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Security;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong e-mail or password, or deactivated: told apart to nobody, so no one learns which accounts exist.</summary>
    Failed,

    /// <summary>The e-mail is not text an address can hold (a NUL or another control character): a 400 naming the field.</summary>
    Invalid,

    /// <summary>Too many attempts for this account, or too many sign-ins waiting to be checked: try again after <see cref="SignInAttempt.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>
    /// The e-mail and password open accounts in several customers: the caller names one of <see cref="SignInAttempt.Customers"/>.
    /// Only someone who knows the password of each of those accounts learns their customers.
    /// </summary>
    ChooseCustomer,

    /// <summary>
    /// The password is right, but the account's customer requires single sign-on and the user is not one of its
    /// break-glass admins. Only someone who knows the password learns it.
    /// </summary>
    SsoRequired,
}

/// <summary>A customer an e-mail and password open an account in, offered when they open several.</summary>
public sealed record CustomerChoice(Guid Id, string Name);

public sealed record SignInAttempt(SignInOutcome Outcome, User? User = null, TimeSpan? RetryAfter = null, IReadOnlyList<CustomerChoice>? Customers = null)
{
    /// <summary>The one message every failure shows, on the API and the form alike.</summary>
    public const string FailedMessage = "The e-mail or password is incorrect, or the account cannot sign in right now.";

    public const string InvalidEmailMessage = "An e-mail address cannot contain control characters.";

    public const string ChooseCustomerMessage = "This e-mail and password open accounts in several customers: choose the one to sign in to.";

    public const string SsoRequiredMessage = "Your company requires single sign-on: sign in through its identity provider, or ask one of your admins.";
}

/// <summary>
/// Checks an e-mail and password for the token endpoint and the sign-in form. An address is unique within a customer,
/// so it may have accounts in several: the password is checked against each active one (the oldest
/// <see cref="MaxAccountsPerAddress"/>, or only the one of the customer the caller names), and a password that opens
/// several asks which. Every attempt costs at least one password check (a decoy one when no active account has the
/// address), at most a few attempts at once; wrong passwords make that client address wait longer and longer before
/// trying that address again (<see cref="SignInBackoff"/>), and no account is ever locked; failures are audited in the
/// customer of each account tried.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<User> signInManager, UserManager<User> users, SignInThrottle throttle, SignInBackoff backoff, ITenantContext tenant, AuditLog audit,
    DataTricksDbContext db, IHttpContextAccessor http)
{
    /// <summary>
    /// The oldest accounts of an address that a sign-in tries. Anyone can sign up a customer with any address, so this
    /// bounds what each attempt costs; accounts made later to crowd someone out come after theirs.
    /// </summary>
    public const int MaxAccountsPerAddress = 5;

    /// <summary>For the token endpoint: no cookie is issued.</summary>
    public async Task<SignInAttempt> CheckAsync(string? email, string? password, Guid? customerId, CancellationToken cancellationToken = default)
    {
        if (email is not null && !CleanText.IsClean(email))
            return new SignInAttempt(SignInOutcome.Invalid);
        var address = ClientAddress.Of(http.HttpContext);
        if (backoff.RetryAfter(email, address) is { } wait)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: wait);
        using var slot = await throttle.EnterHashingAsync(cancellationToken);
        if (slot is null)
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(1));

        var accounts = await AccountsAsync(email, customerId, cancellationToken);
        var noPassword = string.IsNullOrEmpty(password);
        var tried = noPassword ? [] : accounts.Where(a => a.IsActive).ToList();
        var opened = new List<User>();
        foreach (var account in tried)
        {
            using (tenant.Use(TenantScope.ForCustomer(account.CustomerId, account.Id)))
            {
                if ((await signInManager.CheckPasswordSignInAsync(account, password!, lockoutOnFailure: false)).Succeeded)
                    opened.Add(account);
            }
        }
        if (opened.Count == 0)
        {
            // No account was tried: the decoy check makes the attempt cost what a wrong password costs.
            if (tried.Count == 0)
                throttle.SpendCheckTime(users.PasswordHasher, password);
            await AuditFailuresAsync(accounts, noPassword, backoff.Failed(email, address), address, cancellationToken);
            return new SignInAttempt(SignInOutcome.Failed);
        }
        backoff.Succeeded(email, address);
        var refused = await RefusePasswordsAsync(opened, cancellationToken);
        if (refused.Count == opened.Count)
            return new SignInAttempt(SignInOutcome.SsoRequired);
        opened.RemoveAll(refused.Contains);
        return opened is [var user]
            ? new SignInAttempt(SignInOutcome.Succeeded, user)
            : new SignInAttempt(SignInOutcome.ChooseCustomer, Customers: await ChoicesAsync(opened, cancellationToken));
    }

    /// <summary>For the sign-in form: issues the Identity cookie when the password opens one account.</summary>
    public async Task<SignInAttempt> SignInAsync(string? email, string? password, Guid? customerId, bool remember, CancellationToken cancellationToken = default)
    {
        var attempt = await CheckAsync(email, password, customerId, cancellationToken);
        if (attempt.User is { } user)
        {
            using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id));
            // The claim Identity's own password sign-in adds, so a cookie says how its holder signed in.
            await signInManager.SignInWithClaimsAsync(user, remember, [new Claim("amr", "pwd")]);
        }
        return attempt;
    }

    private async Task<List<User>> AccountsAsync(string? email, Guid? customerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
            return [];
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = users.Users.Where(u => u.NormalizedEmail == normalized);
        if (customerId is { } only)
            accounts = accounts.Where(u => u.CustomerId == only);
        return await accounts.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Take(MaxAccountsPerAddress).ToListAsync(cancellationToken);
    }

    /// <summary>The accounts whose customer requires single sign-on of them, each refusal audited in its customer.</summary>
    private async Task<List<User>> RefusePasswordsAsync(List<User> opened, CancellationToken cancellationToken)
    {
        var customerIds = opened.Select(u => u.CustomerId).ToList();
        var required = await db.SsoConnections.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(c => c.RequireSso && customerIds.Contains(c.CustomerId)).Include(c => c.BreakGlassAdmins).ToListAsync(cancellationToken);
        var refused = opened.Where(u => required.Any(c => c.CustomerId == u.CustomerId && !c.AllowsPasswordFor(u.Id))).ToList();
        foreach (var account in refused)
        {
            using var _ = tenant.Use(TenantScope.ForCustomer(account.CustomerId));
            audit.Record(AuditActions.SsoSignInRefused, "user", account.Id, $"{account.Email}: a password, while the customer requires single sign-on");
            await db.SaveChangesAsync(cancellationToken);
        }
        return refused;
    }

    private async Task<IReadOnlyList<CustomerChoice>> ChoicesAsync(List<User> opened, CancellationToken cancellationToken)
    {
        var ids = opened.Select(u => u.CustomerId).ToList();
        return await db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => new CustomerChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Recorded without an actor: whoever tried is not known to be the account's owner. A pause that starts is recorded too.</summary>
    private async Task AuditFailuresAsync(List<User> accounts, bool noPassword, SignInBackoff.Pause pause, string address, CancellationToken cancellationToken)
    {
        foreach (var account in accounts)
        {
            using var _ = tenant.Use(TenantScope.ForCustomer(account.CustomerId));
            var reason = !account.IsActive ? "deactivated" : noPassword ? "no password given" : "wrong password";
            audit.Record(AuditActions.SignInFailed, "user", account.Id, $"{account.Email}: {reason} (from {address})");
            if (pause.Started)
                audit.Record(AuditActions.SignInSlowed, "user", account.Id, $"{account.Email}: {address} now waits longer after each wrong password, starting at {pause.Wait.TotalSeconds:0} s");
            // Saved in the account's customer: a save refuses rows outside the scope it runs in.
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
