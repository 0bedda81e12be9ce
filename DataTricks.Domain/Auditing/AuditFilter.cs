using DataTricks.Domain.Common;

namespace DataTricks.Domain.Auditing;

/// <summary>
/// Which audit events to read. <see cref="Actor"/> is part of an e-mail (the person who acted, or the support staff who
/// acted for them); <see cref="Action"/> an action ("environment.create") or an area ("environment"); <see cref="Target"/>
/// the id of what was acted on; <see cref="From"/> inclusive and <see cref="To"/> exclusive.
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static readonly AuditFilter None = new();

    public FieldErrors Check() => new FieldErrors()
        .Check(Actor is null || (Actor.Length <= 256 && CleanText.IsClean(Actor)), "actor", "Enter at most 256 characters of an e-mail address.")
        .Check(Action is null || AuditSentences.Actions.Contains(Action) || AuditSentences.Areas.Contains(Action), "action",
            $"Choose an action (such as {AuditActions.EnvironmentCreated}) or an area: {string.Join(", ", AuditSentences.Areas)}.")
        .Check(Target is null || (Target.Length <= AuditEvent.TargetMaxLength && CleanText.IsClean(Target)), "target", $"A target id has at most {AuditEvent.TargetMaxLength} characters.")
        .Check(From is null || To is null || From < To, "to", "The end of the period must come after its start.");
}
