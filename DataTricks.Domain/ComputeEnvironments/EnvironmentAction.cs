using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// What a person can ask of an environment, with the write that authorizes it. Which ones a status allows is
/// <see cref="ComputeEnvironmentLifecycle.Allows"/>; the services refuse and the pages hide by that one rule.
/// </summary>
/// <param name="Verb">The action in words, as in "once the resize has ended, delete it".</param>
/// <param name="Done">What the environment is when the action is done, as in "can be resized".</param>
public sealed record EnvironmentAction(string Verb, string Done, TenantWrite Write)
{
    public static readonly EnvironmentAction Rename = new("rename", "renamed", TenantWrites.UpdateEnvironment);
    public static readonly EnvironmentAction Resize = new("resize", "resized", TenantWrites.UpdateEnvironment);
    public static readonly EnvironmentAction Retry = new("retry", "retried", TenantWrites.RetryEnvironment);
    public static readonly EnvironmentAction Repair = new("repair", "repaired", TenantWrites.RepairEnvironment);

    /// <summary>Deleting an environment still being created: it cancels the create, and is authorized as the cancel it is.</summary>
    public static readonly EnvironmentAction Cancel = new("cancel", "canceled", TenantWrites.CancelOperation);

    public static readonly EnvironmentAction Delete = new("delete", "deleted", TenantWrites.DeleteEnvironment);

    public override string ToString() => Verb;
}
