using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.UsersAndRepos;

/// <summary>
/// What a change to a user leaves behind: one audit row saying what changed, and a notice to the user's open sessions
/// exactly when their rights changed (role, active state, password, sign-out everywhere, removal).
/// </summary>
public sealed class UserChangeEffectsTests : IAsyncLifetime
{
    private const string StrongPassword = "Chosen-Passw0rd!";
    private DomainHarness _domain = null!;
    private UserView _admin = null!;
    private UserView _member = null!;
    private int _notices;
    private IDisposable _subscription = null!;

    public async ValueTask InitializeAsync()
    {
        _domain = await DomainHarness.StartAsync();
        _admin = await CreateAsync("admin@effects.test", Roles.Admin);
        _member = await CreateAsync("member@effects.test", Roles.Member);
        _subscription = _domain.Services.GetRequiredService<UserAccessNotifier>().Subscribe(_member.Id, () =>
        {
            Interlocked.Increment(ref _notices);
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _domain.DisposeAsync();
    }

    [Fact]
    public async Task One_update_is_one_audit_row_listing_each_change_and_the_user_is_told_their_rights_changed()
    {
        var before = await StampsAsync(_member.Id);
        var updated = await UsersAsync(s => s.UpdateAsync(_member.Id, new UpdateUserRequest("Renamed Member", Roles.Admin, false)));

        Assert.True(updated.Succeeded, updated.Failure?.Detail);
        Assert.Equal(["member@effects.test: name 'Renamed Member', deactivated, role Admin"], await DetailsAsync(AuditActions.UserUpdated));
        Assert.Equal(1, _notices);
        var after = await StampsAsync(_member.Id);
        Assert.True(before.Security != after.Security && before.Session != after.Session, "A deactivation must end the user's sessions and tokens.");
        _domain.Time.Advance(TimeSpan.FromSeconds(1));
        var reactivated = await UsersAsync(s => s.UpdateAsync(_member.Id, new UpdateUserRequest(null, null, true)));
        Assert.True(reactivated.Value!.IsActive);
        Assert.Equal("member@effects.test: reactivated", (await DetailsAsync(AuditActions.UserUpdated))[^1]);
        Assert.Equal(2, _notices);
    }

    [Fact]
    public async Task A_rename_alone_tells_no_session_and_an_update_that_changes_nothing_leaves_no_row()
    {
        var before = await StampsAsync(_member.Id);

        await UsersAsync(s => s.UpdateAsync(_member.Id, new UpdateUserRequest("New Name", null, null)));
        await UsersAsync(s => s.UpdateAsync(_member.Id, new UpdateUserRequest("New Name", Roles.Member, true)));

        Assert.Equal(["member@effects.test: name 'New Name'"], await DetailsAsync(AuditActions.UserUpdated));
        Assert.Equal(0, _notices);
        Assert.Equal(before, await StampsAsync(_member.Id));
    }

    [Fact]
    public async Task A_password_reset_sets_the_chosen_password_unlocks_the_user_ends_their_sessions_and_is_recorded()
    {
        var before = await StampsAsync(_member.Id);
        await _domain.AsCustomerAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(_member.Id.ToString()))!, DateTimeOffset.MaxValue);
        });

        var reset = await UsersAsync(s => s.ResetPasswordAsync(_member.Id, StrongPassword));

        Assert.Equal(StrongPassword, reset.Value);
        var (works, lockedOut) = await _domain.AsCustomerAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(_member.Id.ToString()))!;
            return (await users.CheckPasswordAsync(user, StrongPassword), await users.IsLockedOutAsync(user));
        });
        Assert.Equal((true, false), (works, lockedOut));
        var after = await StampsAsync(_member.Id);
        Assert.NotEqual(before.Security, after.Security);
        Assert.NotEqual(before.Session, after.Session);
        Assert.Equal(["member@effects.test"], await DetailsAsync(AuditActions.UserPasswordReset));
        Assert.Equal(1, _notices);
    }

    [Fact]
    public async Task A_password_reset_to_a_weak_password_names_what_is_wrong_and_changes_nothing()
    {
        var before = await StampsAsync(_member.Id);

        var reset = await UsersAsync(s => s.ResetPasswordAsync(_member.Id, "weak"));

        Assert.Equal(FailureKind.Invalid, reset.Failure?.Kind);
        Assert.Contains("Passwords must be at least 10 characters.", reset.Failure!.FieldErrors!["password"]);
        Assert.Equal(before, await StampsAsync(_member.Id));
        Assert.Empty(await DetailsAsync(AuditActions.UserPasswordReset));
        Assert.Equal(0, _notices);
    }

    [Fact]
    public async Task Signing_a_user_out_everywhere_ends_their_sessions_and_is_recorded()
    {
        var before = await StampsAsync(_member.Id);

        var signedOut = await UsersAsync(s => s.SignOutEverywhereAsync(_member.Id));

        Assert.True(signedOut.Succeeded, signedOut.Failure?.Detail);
        Assert.NotEqual(before.Session, (await StampsAsync(_member.Id)).Session);
        Assert.Equal(["member@effects.test"], await DetailsAsync(AuditActions.UserSignedOutEverywhere));
        Assert.Equal(1, _notices);
    }

    [Fact]
    public async Task A_removed_user_is_recorded_and_told_and_a_refused_removal_tells_no_one()
    {
        using var adminNotices = _domain.Services.GetRequiredService<UserAccessNotifier>().Subscribe(_admin.Id, () => throw new InvalidOperationException("the kept admin was told"));

        var refused = await UsersAsync(s => s.DeleteAsync(_admin.Id));
        var deleted = await UsersAsync(s => s.DeleteAsync(_member.Id));

        Assert.Equal("This is the customer's last active admin: make someone else an admin first.", refused.Failure?.Detail);
        Assert.True(deleted.Succeeded, deleted.Failure?.Detail);
        Assert.Equal(["member@effects.test"], await DetailsAsync(AuditActions.UserDeleted));
        Assert.Equal(1, _notices);
    }

    [Fact]
    public async Task Unknown_users_are_not_found_by_name_and_created_users_need_no_e_mail_confirmation()
    {
        var reset = await UsersAsync(s => s.ResetPasswordAsync(Guid.NewGuid(), null));
        var signedOut = await UsersAsync(s => s.SignOutEverywhereAsync(Guid.NewGuid()));
        var read = await UsersAsync(s => s.GetAsync(Guid.NewGuid()));

        Assert.All([reset.Failure, signedOut.Failure, read.Failure], f => Assert.Equal((FailureKind.NotFound, "The user was not found."), (f?.Kind, f?.Detail)));
        Assert.True(await _domain.AsSystemAsync(db => db.Users.Where(u => u.Id == _member.Id).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    private async Task<UserView> CreateAsync(string email, string role)
    {
        var created = await UsersAsync(s => s.CreateAsync(new CreateUserRequest(email, null, role, null)));
        Assert.True(created.Succeeded, created.Failure?.Detail);
        return created.Value!.User;
    }

    private Task<List<string?>> DetailsAsync(string action) =>
        _domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action == action && e.TargetType == "user" && e.TargetId == _member.Id.ToString())
            .OrderBy(e => e.OccurredAt).Select(e => e.Details).ToListAsync());

    private async Task<(string? Security, string Session)> StampsAsync(Guid id)
    {
        var stamps = await _domain.AsSystemAsync(db => db.Users.Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.SessionStamp }).SingleAsync());
        return (stamps.SecurityStamp, stamps.SessionStamp);
    }

    private Task<T> UsersAsync<T>(Func<UserService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<UserService>()));
}
