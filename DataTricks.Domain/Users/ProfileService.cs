using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>The signed-in person's own account: their name and password. Support staff acting in a customer change nothing here.</summary>
public sealed class ProfileService(
    DataTricksDbContext db, UserManager<User> users, ITenantContext tenant, Authority authority, AuditLog audit, EventLog events, UserAccessNotifier access, TimeProvider time)
{
    public async Task<Result<ProfileView>> GetAsync(CancellationToken cancellationToken = default) =>
        await MeAsync(cancellationToken) is { } user
            ? new ProfileView(user.Email ?? "", user.DisplayName)
            : Failure.NotFound("Your account");

    public async Task<Result<ProfileView>> RenameAsync(string? displayName, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeProfile, cancellationToken) is { } refused)
            return refused;
        var check = User.DisplayNameRule.Check(displayName);
        if (!check.IsValid)
            return Failure.Invalid("displayName", check.Problem!);
        if (await MeAsync(cancellationToken) is not { } user)
            return Failure.NotFound("Your account");
        if (check.Value != user.DisplayName && user.RefuseRenameBy(tenant) is { } kept)
            return kept;
        user.DisplayName = check.Value;
        audit.Record(AuditActions.UserUpdated, "user", user.Id, $"{user.Email}: own name '{check.Value}'");
        events.Record(EventTypes.UserUpdated, user.Id, user.ToView(await Roles.OfUserAsync(db, user.Id, cancellationToken) ?? Roles.Member));
        await db.SaveChangesAsync(cancellationToken);
        return new ProfileView(user.Email ?? "", user.DisplayName);
    }

    /// <summary>Changes the caller's password given the current one, then ends every session, this one included.</summary>
    public async Task<Result<ProfileView>> ChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangePassword, cancellationToken) is { } refused)
            return refused;
        if (await MeAsync(cancellationToken) is not { } user)
            return Failure.NotFound("Your account");
        if (string.IsNullOrEmpty(currentPassword) || !await users.CheckPasswordAsync(user, currentPassword))
            return Failure.Invalid("currentPassword", "That is not your current password.");
        var problems = await PasswordCheck.ProblemsAsync(users, user, newPassword ?? "");
        if (problems.Length > 0)
            return Failure.Invalid(new Dictionary<string, string[]> { ["newPassword"] = problems });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword!);
        if (!changed.Succeeded)
            return IdentityFailures.From(changed, "newPassword");
        user.EndSessions();
        await users.UpdateSecurityStampAsync(user);
        db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
        audit.Record(AuditActions.UserPasswordChanged, "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        access.Publish(user.Id);
        return new ProfileView(user.Email ?? "", user.DisplayName);
    }

    /// <summary>Ends every portal session and access token of the caller, this one included (a lost laptop, a shared computer).</summary>
    public async Task<Result<ProfileView>> SignOutEverywhereAsync(CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.SignOutEverywhere, cancellationToken) is { } refused)
            return refused;
        if (await MeAsync(cancellationToken) is not { } user)
            return Failure.NotFound("Your account");
        user.EndSessions();
        await users.UpdateSecurityStampAsync(user);
        db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
        audit.Record(AuditActions.UserSignedOutEverywhere, "user", user.Id, $"{user.Email}: own sessions");
        await db.SaveChangesAsync(cancellationToken);
        access.Publish(user.Id);
        return new ProfileView(user.Email ?? "", user.DisplayName);
    }

    private Task<User?> MeAsync(CancellationToken cancellationToken) =>
        tenant.UserId is { } id ? db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : Task.FromResult<User?>(null);
}

public sealed record ProfileView(string Email, string DisplayName);
