namespace DataTricks.Domain.Tenancy;

/// <summary>Every kind of write the services make inside a customer. A new write is added here and then decided in <see cref="ImpersonationAllowlist"/>.</summary>
public static class TenantWrites
{
    public static readonly TenantWrite RenameCustomer = new("customer.rename", "rename the customer");
    public static readonly TenantWrite ChangeSupportAccess = new("support-access.change", "view or change support access");
    public static readonly TenantWrite ChangeSingleSignOn = new("sso.change", "change single sign-on");
    public static readonly TenantWrite ChangeScimTokens = new("scim-token.change", "create or revoke SCIM tokens");
    public static readonly TenantWrite ChangeWebhooks = new("webhook.change", "add, change or delete webhook endpoints or rotate their secrets");
    public static readonly TenantWrite SendWebhooks = new("webhook.send", "send test events or redeliver events");

    public static readonly TenantWrite CreateUser = new("user.create", "create users");
    public static readonly TenantWrite RenameUser = new("user.rename", "rename users");
    public static readonly TenantWrite ChangeUserRights = new("user.change-rights", "change roles or active state");
    public static readonly TenantWrite ResetPassword = new("user.reset-password", "reset passwords");
    public static readonly TenantWrite SignUserOut = new("user.sign-out", "sign users out");
    public static readonly TenantWrite DeleteUser = new("user.delete", "delete users");
    public static readonly TenantWrite DetachUser = new("user.detach", "take users from the directory's keeping");

    public static readonly TenantWrite CreateToken = new("token.create", "create access tokens", AdminOnly: false);
    public static readonly TenantWrite RevokeToken = new("token.revoke", "revoke access tokens", AdminOnly: false);
    public static readonly TenantWrite ChangeProfile = new("profile.change", "change a profile", AdminOnly: false);
    public static readonly TenantWrite ChangePassword = new("profile.change-password", "change a password", AdminOnly: false);
    public static readonly TenantWrite SignOutEverywhere = new("profile.sign-out-everywhere", "sign a person out", AdminOnly: false);

    public static readonly TenantWrite CreateRepo = new("repo.create", "create repos");
    public static readonly TenantWrite UpdateRepo = new("repo.update", "change repos");
    public static readonly TenantWrite DeleteRepo = new("repo.delete", "delete repos");
    public static readonly TenantWrite ChangeRepoMembers = new("repo.members", "change who may use a repo");

    public static readonly TenantWrite ChangeGroups = new("group.change", "create, rename or delete groups");
    public static readonly TenantWrite ChangeGroupMembers = new("group.members", "change who is in a group");

    public static readonly TenantWrite CreateEnvironment = new("environment.create", "create environments");
    public static readonly TenantWrite UpdateEnvironment = new("environment.update", "rename or resize environments");
    public static readonly TenantWrite RetryEnvironment = new("environment.retry", "retry environments");
    public static readonly TenantWrite RepairEnvironment = new("environment.repair", "repair environments");
    public static readonly TenantWrite DeleteEnvironment = new("environment.delete", "delete environments");
    public static readonly TenantWrite CancelOperation = new("operation.cancel", "cancel operations");

    public static IReadOnlyList<TenantWrite> All { get; } =
    [
        RenameCustomer, ChangeSupportAccess, ChangeSingleSignOn, ChangeScimTokens, ChangeWebhooks, SendWebhooks,
        CreateUser, RenameUser, ChangeUserRights, ResetPassword, SignUserOut, DeleteUser, DetachUser,
        CreateToken, RevokeToken, ChangeProfile, ChangePassword, SignOutEverywhere,
        CreateRepo, UpdateRepo, DeleteRepo, ChangeRepoMembers,
        ChangeGroups, ChangeGroupMembers,
        CreateEnvironment, UpdateEnvironment, RetryEnvironment, RepairEnvironment, DeleteEnvironment, CancelOperation,
    ];
}
