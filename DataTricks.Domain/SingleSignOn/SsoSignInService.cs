using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>Who the provider says signed in: its subject, and the e-mail it vouches for (or not).</summary>
public sealed record ProviderIdentity(string Subject, string? Email, bool EmailVerified, string? Name);

/// <summary>Where an address signs in: the customer that claimed its domain, and its provider's host to show before going there.</summary>
public sealed record SsoRoute(Guid CustomerId, string CustomerName, string ProviderHost);

/// <summary>Why a single sign-on did not open an account, in words the refusal page shows and the audit keeps.</summary>
public enum SsoRefusal
{
    NotConfigured,
    UnverifiedEmail,
    ForeignDomain,
    NotProvisioned,
    Deactivated,
}

/// <summary>
/// Turns a person the customer's provider vouches for into a user of the customer: the user linked to the provider's
/// subject, else the one with the verified address (then linked), else a new one with the default role when the
/// customer allows that. Deactivated users are refused; every outcome is audited.
/// </summary>
public sealed class SsoSignInService(DataTricksDbContext db, ITenantContext tenant, UserManager<User> users, AuditLog audit, TimeProvider time)
{
    public static string Explain(SsoRefusal refusal) => refusal switch
    {
        SsoRefusal.NotConfigured => "This customer does not sign in with single sign-on.",
        SsoRefusal.UnverifiedEmail => "Your identity provider did not confirm your e-mail address is verified, so DataTricks cannot tell it is yours.",
        SsoRefusal.ForeignDomain => "Your identity provider signed you in with an address outside the domains this customer signs in with.",
        SsoRefusal.NotProvisioned => "You have no account at this customer yet. Ask one of its admins to add you.",
        _ => "Your account is deactivated. Ask one of the customer's admins to reactivate it.",
    };

    /// <summary>The customer whose provider an address signs in through, if its domain is claimed; read before anyone is signed in.</summary>
    public async Task<SsoRoute?> RouteAsync(string? email, CancellationToken cancellationToken = default)
    {
        if (SsoSettingsRules.DomainOf(email) is not { } domain)
            return null;
        var route = await db.SsoDomains.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).Where(d => d.Name == domain)
            .Join(db.SsoConnections.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]), d => d.CustomerId, c => c.CustomerId, (d, c) => c)
            .Join(db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]), c => c.CustomerId, customer => customer.Id,
                (c, customer) => new { c.CustomerId, customer.Name, c.Issuer })
            .FirstOrDefaultAsync(cancellationToken);
        return route is null ? null : new SsoRoute(route.CustomerId, route.Name, new Uri(route.Issuer).Host);
    }

    public async Task<(User? User, SsoRefusal? Refusal)> SignInAsync(Guid customerId, ProviderIdentity identity, CancellationToken cancellationToken = default)
    {
        using var _ = tenant.Use(TenantScope.ForCustomer(customerId));
        // The same person's first sign-in on another tab or node may create the user, then link it, at the same
        // moment: each save it wins is found by the next attempt (the user, then the link).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(customerId, identity, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task<(User? User, SsoRefusal? Refusal)> AttemptAsync(Guid customerId, ProviderIdentity identity, CancellationToken cancellationToken)
    {
        var connection = await db.SsoConnections.Include(c => c.Domains).FirstOrDefaultAsync(cancellationToken);
        if (connection is null)
            return (null, SsoRefusal.NotConfigured);
        var (user, refusal) = await FindOrCreateAsync(connection, identity, cancellationToken);
        if (user is not null && !user.IsActive)
            (user, refusal) = (null, SsoRefusal.Deactivated);
        if (user is null)
        {
            audit.Record(AuditActions.SsoSignInRefused, "customer", customerId,
                $"{identity.Email ?? "(no e-mail)"}, subject {identity.Subject}: {Explain(refusal!.Value)}");
            await db.SaveChangesAsync(cancellationToken);
            return (null, refusal);
        }
        audit.Record(AuditActions.SsoSignedIn, "user", user.Id, $"{user.Email}, subject {identity.Subject} at {connection.Issuer}");
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    private async Task<(User?, SsoRefusal?)> FindOrCreateAsync(SsoConnection connection, ProviderIdentity identity, CancellationToken cancellationToken)
    {
        var linked = await db.SsoLinks.Where(l => l.Issuer == connection.Issuer && l.Subject == identity.Subject)
            .Join(db.Users, l => l.UserId, u => u.Id, (_, u) => u).FirstOrDefaultAsync(cancellationToken);
        if (linked is not null)
            return (linked, null);
        if (!identity.EmailVerified || identity.Email is null)
            return (null, SsoRefusal.UnverifiedEmail);
        if (SsoSettingsRules.DomainOf(identity.Email) is not { } domain || connection.Domains.All(d => d.Name != domain))
            return (null, SsoRefusal.ForeignDomain);

        var user = await users.FindByEmailAsync(identity.Email);
        if (user is null && !connection.AllowJustInTime)
            return (null, SsoRefusal.NotProvisioned);
        if (user is null)
            user = await CreateAsync(connection, identity);
        db.SsoLinks.Add(SsoLink.Of(connection.CustomerId, connection.Issuer, identity.Subject, user.Id, time.GetUtcNow()));
        return (user, null);
    }

    /// <summary>A user with no password: they sign in through the provider (an admin can set one later).</summary>
    private async Task<User> CreateAsync(SsoConnection connection, ProviderIdentity identity)
    {
        var user = User.Create(connection.CustomerId, identity.Email!, User.OptionalDisplayName(identity.Name).IsValid ? identity.Name : null, time.GetUtcNow());
        user.EmailConfirmed = true;
        if (await users.CreateAsync(user) is { Succeeded: false } created)
        {
            // Identity found the address taken: created at the same moment by another sign-in, which the retry finds.
            throw new DbUpdateException($"The user could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        if (await users.AddToRoleAsync(user, connection.DefaultRole) is { Succeeded: false } promoted)
            throw new DomainException($"The user could not be given the role {connection.DefaultRole}: {string.Join(" ", promoted.Errors.Select(e => e.Description))}");
        // Saved with the link, by the sign-in.
        audit.Record(AuditActions.SsoUserCreated, "user", user.Id, $"{user.Email} as {connection.DefaultRole}, subject {identity.Subject}");
        return user;
    }
}
