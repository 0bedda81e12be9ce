using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.UsersAndRepos;

public sealed class UserServiceTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_deactivated_or_deleted()
    {
        var admin = await CreateAsync("only@admin.test", Roles.Admin);

        var demoted = await UsersAsync(s => s.UpdateAsync(admin.Id, new UpdateUserRequest(null, Roles.Member, null)));
        var deactivated = await UsersAsync(s => s.UpdateAsync(admin.Id, new UpdateUserRequest(null, null, false)));
        var deleted = await UsersAsync(s => s.DeleteAsync(admin.Id));

        Assert.All([demoted.Failure, deactivated.Failure, deleted.Failure], f => Assert.Equal(FailureKind.Conflict, f?.Kind));
        var unchanged = (await UsersAsync(s => s.GetAsync(admin.Id))).Value!;
        Assert.Equal((Roles.Admin, true), (unchanged.Role, unchanged.IsActive));
    }

    [Fact]
    public async Task With_a_second_active_admin_the_first_can_step_down()
    {
        var first = await CreateAsync("first@admin.test", Roles.Admin);
        await CreateAsync("second@admin.test", Roles.Admin);

        var demoted = await UsersAsync(s => s.UpdateAsync(first.Id, new UpdateUserRequest(null, Roles.Member, null)));

        Assert.Equal(Roles.Member, demoted.Value?.Role);
    }

    [Fact]
    public async Task A_deactivated_admin_does_not_count_as_the_remaining_admin()
    {
        var active = await CreateAsync("active@admin.test", Roles.Admin);
        var dormant = await CreateAsync("dormant@admin.test", Roles.Admin);
        await UsersAsync(s => s.UpdateAsync(dormant.Id, new UpdateUserRequest(null, null, false)));

        var demoted = await UsersAsync(s => s.UpdateAsync(active.Id, new UpdateUserRequest(null, Roles.Member, null)));

        Assert.Equal(FailureKind.Conflict, demoted.Failure?.Kind);
    }

    [Fact]
    public async Task A_user_created_without_a_password_gets_a_generated_one_that_works_once_shown()
    {
        var created = await _domain.AsCustomerAsync(s => s.GetRequiredService<UserService>()
            .CreateAsync(new CreateUserRequest("new@colleague.test", "New Colleague", Roles.Member, null)));

        Assert.True(created.Succeeded);
        var password = created.Value!.GeneratedPassword;
        Assert.NotNull(password);
        var works = await _domain.AsCustomerAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            return await users.CheckPasswordAsync((await users.FindByEmailAsync("new@colleague.test"))!, password);
        });
        Assert.True(works);
    }

    [Fact]
    public async Task A_user_created_without_a_role_is_a_member()
    {
        var created = await UsersAsync(s => s.CreateAsync(new CreateUserRequest("unroled@colleague.test", null, null, null)));

        Assert.Equal(Roles.Member, created.Value?.User.Role);
        Assert.Equal(Roles.Member, (await UsersAsync(s => s.GetAsync(created.Value!.User.Id))).Value!.Role);
    }

    [Fact]
    public async Task Deactivating_changes_the_security_stamp_so_existing_sessions_end()
    {
        await CreateAsync("keeper@admin.test", Roles.Admin);
        var member = await CreateAsync("leaver@member.test", Roles.Member);
        var before = await StampAsync(member.Id);

        var deactivated = await UsersAsync(s => s.UpdateAsync(member.Id, new UpdateUserRequest(null, null, false)));

        Assert.False(deactivated.Value!.IsActive);
        Assert.NotEqual(before, await StampAsync(member.Id));
    }

    [Theory]
    [InlineData("not-an-email", Roles.Member, null, "email", "Enter a valid e-mail address.")]
    [InlineData("ok@ok.test", "Support", null, "role", "Choose a role: Admin or Member.")]
    [InlineData("ok@ok.test", "Owner", null, "role", "Choose a role: Admin or Member.")]
    [InlineData("ok@ok.test", Roles.Member, "weak", "password", "Passwords must be at least 10 characters.")]
    public async Task Bad_new_users_are_refused_field_by_field_and_nothing_is_stored(string email, string role, string? password, string field, string message)
    {
        var result = await UsersAsync(s => s.CreateAsync(new CreateUserRequest(email, null, role, password)));

        Assert.Contains(message, result.Failure!.FieldErrors![field]);
        Assert.Equal(0, await _domain.AsSystemAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_address_already_in_use_or_an_unknown_role_is_refused_by_name()
    {
        var member = await CreateAsync("taken@acme.test", Roles.Member);

        var taken = await UsersAsync(s => s.CreateAsync(new CreateUserRequest("Taken@Acme.test", null, Roles.Member, null)));
        var badRole = await UsersAsync(s => s.UpdateAsync(member.Id, new UpdateUserRequest(null, "Owner", null)));
        var badName = await UsersAsync(s => s.CreateAsync(new CreateUserRequest("named@acme.test", "Bell\u0007", Roles.Member, null)));
        var badRename = await UsersAsync(s => s.UpdateAsync(member.Id, new UpdateUserRequest("Bell\u0007", null, null)));

        Assert.Equal((ProblemCodes.EmailTaken, "This customer already has a user with this e-mail."), (taken.Failure?.ProblemCode, taken.Failure?.Detail));
        Assert.Equal(["Choose a role: Admin or Member."], badRole.Failure!.FieldErrors!["role"]);
        Assert.Equal(["displayName"], badName.Failure!.FieldErrors!.Keys);
        Assert.Equal(["displayName"], badRename.Failure!.FieldErrors!.Keys);
    }

    [Fact]
    public async Task Another_customers_user_is_not_found()
    {
        var foreign = await _domain.AsCustomerAsync(s => s.GetRequiredService<UserService>()
            .CreateAsync(new CreateUserRequest("them@other.test", null, Roles.Admin, null)), _domain.OtherCustomerId);

        var read = await UsersAsync(s => s.GetAsync(foreign.Value!.User.Id));
        var update = await UsersAsync(s => s.UpdateAsync(foreign.Value!.User.Id, new UpdateUserRequest("Hijacked", null, null)));

        Assert.Equal(FailureKind.NotFound, read.Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, update.Failure?.Kind);
    }

    [Theory]
    [InlineData("o'brien@acme.test")]
    [InlineData("jürgen@acme.test")]
    public async Task Any_address_the_email_rule_accepts_can_be_a_users_and_finds_that_user(string email)
    {
        var created = await CreateAsync(email, Roles.Member);

        var found = await _domain.AsCustomerAsync(s => s.GetRequiredService<UserManager<User>>().FindByEmailAsync(email.ToUpperInvariant()));
        Assert.Equal(created.Id, found?.Id);
    }

    [Fact]
    public async Task Admins_adding_the_same_address_at_once_make_one_user_and_the_rest_hear_it_is_taken()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            UsersAsync(s => s.CreateAsync(new CreateUserRequest("raced@acme.test", null, Roles.Member, null))))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(
            (FailureKind.Conflict, ProblemCodes.EmailTaken, "This customer already has a user with this e-mail."), (r.Failure!.Kind, r.Failure.ProblemCode, r.Failure.Detail)));
        Assert.Equal(1, await _domain.AsSystemAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "RACED@ACME.TEST")));
    }

    [Fact]
    public async Task The_list_sorts_by_name_email_or_creation_and_pages_with_ties_broken_by_id()
    {
        foreach (var (email, name) in new[] { ("c@sort.test", "Anna"), ("a@sort.test", "Cleo"), ("b@sort.test", "Bert") })
            await UsersAsync(s => s.CreateAsync(new CreateUserRequest(email, name, Roles.Member, null)));
        var byId = await _domain.AsSystemAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.Email!).ToListAsync());

        Assert.Equal(["c@sort.test", "b@sort.test", "a@sort.test"], await EmailsAsync(null));
        Assert.Equal(["a@sort.test", "b@sort.test", "c@sort.test"], await EmailsAsync("-name"));
        Assert.Equal(["a@sort.test", "b@sort.test", "c@sort.test"], await EmailsAsync("email"));
        Assert.Equal(byId, await EmailsAsync("created"));
        Assert.Equal(["b@sort.test"], (await UsersAsync(s => s.ListAsync(new ListQuery(null, 1, 1)))).Items.Select(u => u.Email));
    }

    private async Task<List<string>> EmailsAsync(string? sort) =>
        [.. (await UsersAsync(s => s.ListAsync(new ListQuery(null, 0, 10, sort)))).Items.Select(u => u.Email)];

    private async Task<UserView> CreateAsync(string email, string role)
    {
        var created = await UsersAsync(s => s.CreateAsync(new CreateUserRequest(email, null, role, null)));
        Assert.True(created.Succeeded, created.Failure?.Detail);
        return created.Value!.User;
    }

    private Task<T> UsersAsync<T>(Func<UserService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<UserService>()));

    private Task<string?> StampAsync(Guid id) => _domain.AsSystemAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
}
