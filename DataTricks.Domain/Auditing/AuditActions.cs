namespace DataTricks.Domain.Auditing;

/// <summary>The action names of audit events; stable, since clients filter on them.</summary>
public static class AuditActions
{
    public const string CustomerSignedUp = "customer.signup";
    public const string CustomerRenamed = "customer.rename";
    public const string TokenCreated = "token.create";
    public const string TokenRevoked = "token.revoke";
    public const string ImpersonationStarted = "impersonation.start";
    public const string ImpersonationEnded = "impersonation.end";
    public const string ImpersonationRefused = "impersonation.refused";
    public const string SupportAccessGranted = "support-access.grant";
    public const string SupportAccessRevoked = "support-access.revoke";
    public const string SupportAccessExpired = "support-access.expire";
    public const string UserSignedOutEverywhere = "user.sign-out-everywhere";
    public const string SignInFailed = "signin.failed";
    /// <summary>Written by versions that locked accounts; kept so that old rows still read as sentences.</summary>
    public const string SignInLockedOut = "signin.lockout";
    public const string SignInSlowed = "signin.slowed";
    public const string EnvironmentCreated = "environment.create";
    public const string EnvironmentUpdated = "environment.update";
    public const string EnvironmentDeleted = "environment.delete";
    public const string EnvironmentRetried = "environment.retry";
    public const string EnvironmentRepaired = "environment.repair";
    public const string OperationCanceled = "operation.cancel";
    public const string UserCreated = "user.create";
    public const string UserUpdated = "user.update";
    public const string UserDeleted = "user.delete";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserPasswordChanged = "user.password-change";
    public const string RepoCreated = "repo.create";
    public const string RepoUpdated = "repo.update";
    public const string RepoDeleted = "repo.delete";
    public const string RepoMemberAdded = "repo.member.add";
    public const string RepoMemberRemoved = "repo.member.remove";
    public const string RepoGroupGranted = "repo.group.grant";
    public const string RepoGroupRevoked = "repo.group.revoke";
    public const string GroupCreated = "group.create";
    public const string GroupUpdated = "group.update";
    public const string GroupDeleted = "group.delete";
    public const string GroupMemberAdded = "group.member.add";
    public const string GroupMemberRemoved = "group.member.remove";
    public const string ScimTokenCreated = "scim-token.create";
    public const string ScimTokenRevoked = "scim-token.revoke";
    public const string WebhookCreated = "webhook.create";
    public const string WebhookUpdated = "webhook.update";
    public const string WebhookDeleted = "webhook.delete";
    public const string WebhookSecretRotated = "webhook.rotate-secret";
    public const string WebhookDisabled = "webhook.disable";
    public const string WebhookTested = "webhook.test";
    public const string WebhookRedelivered = "webhook.redeliver";
    public const string UserDetached = "user.detach";
    public const string SsoConfigured = "sso.configure";
    public const string SsoRemoved = "sso.remove";
    public const string SsoSignedIn = "sso.signin";
    public const string SsoUserCreated = "sso.user-create";
    public const string SsoSignInRefused = "sso.signin-refused";
}
