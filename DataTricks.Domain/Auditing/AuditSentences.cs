namespace DataTricks.Domain.Auditing;

/// <summary>What each audit action says in words, read after the actor: "admin@acme.test <b>created environment</b> prod-eu".</summary>
public static class AuditSentences
{
    private static readonly Dictionary<string, string> Phrases = new()
    {
        [AuditActions.CustomerSignedUp] = "signed up the customer",
        [AuditActions.CustomerRenamed] = "renamed the customer",
        [AuditActions.TokenCreated] = "created access token",
        [AuditActions.TokenRevoked] = "revoked access token",
        [AuditActions.ImpersonationStarted] = "started a support session in",
        [AuditActions.ImpersonationEnded] = "ended a support session in",
        [AuditActions.ImpersonationRefused] = "was refused while acting as support",
        [AuditActions.SupportAccessGranted] = "granted support access to",
        [AuditActions.SupportAccessRevoked] = "revoked support access to",
        [AuditActions.SupportAccessExpired] = "ended support access (it expired) to",
        [AuditActions.UserSignedOutEverywhere] = "signed out everywhere user",
        [AuditActions.SignInFailed] = "failed to sign in as",
        [AuditActions.SignInLockedOut] = "locked out after failed sign-ins",
        [AuditActions.SignInSlowed] = "was slowed down after repeated failed sign-ins as",
        [AuditActions.EnvironmentCreated] = "created environment",
        [AuditActions.EnvironmentUpdated] = "changed environment",
        [AuditActions.EnvironmentDeleted] = "deleted environment",
        [AuditActions.EnvironmentRetried] = "retried environment",
        [AuditActions.EnvironmentRepaired] = "started a repair of environment",
        [AuditActions.OperationCanceled] = "canceled an operation of environment",
        [AuditActions.UserCreated] = "added user",
        [AuditActions.UserUpdated] = "changed user",
        [AuditActions.UserDeleted] = "deleted user",
        [AuditActions.UserPasswordReset] = "reset the password of",
        [AuditActions.UserPasswordChanged] = "changed the password of",
        [AuditActions.RepoCreated] = "created repo",
        [AuditActions.RepoUpdated] = "changed repo",
        [AuditActions.RepoDeleted] = "deleted repo",
        [AuditActions.RepoMemberAdded] = "added a member to repo",
        [AuditActions.RepoMemberRemoved] = "removed a member from repo",
        [AuditActions.RepoGroupGranted] = "shared with a group repo",
        [AuditActions.RepoGroupRevoked] = "stopped sharing with a group repo",
        [AuditActions.GroupCreated] = "created group",
        [AuditActions.GroupUpdated] = "changed group",
        [AuditActions.GroupDeleted] = "deleted group",
        [AuditActions.GroupMemberAdded] = "added a member to group",
        [AuditActions.GroupMemberRemoved] = "removed a member from group",
        [AuditActions.ScimTokenCreated] = "created SCIM token",
        [AuditActions.ScimTokenRevoked] = "revoked SCIM token",
        [AuditActions.WebhookCreated] = "added webhook endpoint",
        [AuditActions.WebhookUpdated] = "changed webhook endpoint",
        [AuditActions.WebhookDeleted] = "deleted webhook endpoint",
        [AuditActions.WebhookSecretRotated] = "rotated the secret of webhook endpoint",
        [AuditActions.WebhookDisabled] = "disabled webhook endpoint",
        [AuditActions.WebhookTested] = "sent a test event to webhook endpoint",
        [AuditActions.WebhookRedelivered] = "redelivered an event to webhook endpoint",
        [AuditActions.UserDetached] = "took from the directory's keeping user",
        [AuditActions.SsoConfigured] = "changed single sign-on of",
        [AuditActions.SsoRemoved] = "removed single sign-on of",
        [AuditActions.SsoSignedIn] = "signed in through single sign-on as",
        [AuditActions.SsoUserCreated] = "was added at a first single sign-on as",
        [AuditActions.SsoSignInRefused] = "was refused single sign-on as",
    };

    /// <summary>The areas actions belong to ("environment" for "environment.create"), for filtering by kind of action.</summary>
    public static readonly IReadOnlyList<string> Areas =
        Phrases.Keys.Select(AreaOf).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every known action, for a filter's choices.</summary>
    public static IReadOnlyCollection<string> Actions => Phrases.Keys;

    public static string AreaOf(string action) => action.Split('.')[0];

    /// <summary>The verb phrase of an action; an action recorded by a later version of the portal reads as its name.</summary>
    public static string PhraseOf(string action) => Phrases.GetValueOrDefault(action, action);
}
