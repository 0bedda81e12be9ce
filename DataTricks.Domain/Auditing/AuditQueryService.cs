using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Auditing;

/// <summary>The current customer's audit trail, newest first, filtered in the database.</summary>
public sealed class AuditQueryService(DataTricksDbContext db)
{
    public async Task<Result<Page<AuditEventView>>> PageAsync(AuditFilter filter, string? pageToken, int? pageSize, CancellationToken cancellationToken = default)
    {
        var size = pageSize ?? ListQuery.DefaultLimit;
        var errors = ListQuery.CheckPageSize(filter.Check(), pageSize)
            .Check(PageToken.TryParse(pageToken, out var after), "pageToken", ListQuery.TokenRule);
        if (errors.Any)
            return errors.ToFailure();

        var query = await FilteredAsync(filter, cancellationToken);
        if (after is { } position)
            query = query.Where(e => e.OccurredAt < position.At || (e.OccurredAt == position.At && e.Id.CompareTo(position.Id) < 0));

        var rows = await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var shown = rows.Take(size).ToList();
        var next = rows.Count > size ? new PageToken(shown[^1].OccurredAt, shown[^1].Id).ToString() : null;
        return new Page<AuditEventView>(await ViewsAsync(shown, cancellationToken), next);
    }

    private async Task<IQueryable<AuditEvent>> FilteredAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            // Actors may be support staff of the operator customer: their e-mails are looked up past the tenant filter.
            var text = filter.Actor.Trim().ToUpperInvariant();
            var actors = await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
                .Where(u => u.NormalizedEmail!.Contains(text)).Select(u => u.Id).Take(1000).ToListAsync(cancellationToken);
            var ids = actors.Select(id => (Guid?)id).ToList();
            query = query.Where(e => ids.Contains(e.ActorUserId) || ids.Contains(e.ImpersonatorUserId));
        }
        if (filter.Action is { } action)
            query = action.Contains('.') ? query.Where(e => e.Action == action) : query.Where(e => e.Action.StartsWith(action + "."));
        if (!string.IsNullOrWhiteSpace(filter.Target))
            query = query.Where(e => e.TargetId == filter.Target);
        return new CreatedRange(filter.From, filter.To).Filter(query, e => e.OccurredAt);
    }

    private async Task<List<AuditEventView>> ViewsAsync(List<AuditEvent> rows, CancellationToken cancellationToken)
    {
        var emails = await EmailsAsync(rows.SelectMany(e => new[] { e.ActorUserId, e.ImpersonatorUserId }), cancellationToken);
        var customerName = await db.Customers.Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var target = await new AuditTargets(db).ResolveAsync(rows, cancellationToken);
        return rows.Select(e =>
        {
            var resolved = target(e.TargetType, e.TargetId);
            return new AuditEventView(
                e.Id, e.OccurredAt, e.Action,
                e.ActorUserId, EmailOf(emails, e.ActorUserId),
                e.ImpersonatorUserId, EmailOf(emails, e.ImpersonatorUserId),
                e.TargetType, e.TargetId, e.Details,
                Describe(e, emails, customerName),
                AuditSentences.PhraseOf(e.Action),
                resolved.Name, resolved.Deleted);
        }).ToList();
    }

    /// <summary>
    /// Actors may be staff of the operator customer, so their e-mails are read past the tenant filter, in a query
    /// of their own: lifting the filter inside the events query would lift it for the events too.
    /// </summary>
    private async Task<Dictionary<Guid, string>> EmailsAsync(IEnumerable<Guid?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);
    }

    private static string Describe(AuditEvent e, Dictionary<Guid, string> emails, string? customerName) =>
        e.ImpersonatorUserId is { } staff ? $"{EmailOf(emails, staff) ?? staff.ToString()} acting in {customerName}"
        : e.DirectoryName is { } directory ? $"the directory ({directory})"
        : EmailOf(emails, e.ActorUserId) ?? e.ActorUserId?.ToString() ?? "system";

    private static string? EmailOf(Dictionary<Guid, string> emails, Guid? userId) =>
        userId is { } id && emails.TryGetValue(id, out var email) ? email : null;
}
