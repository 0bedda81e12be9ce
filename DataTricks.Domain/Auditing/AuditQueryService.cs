using DataTricks.Domain.Common;
using DataTricks.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Auditing;

/// <summary>The current customer's audit trail, newest first.</summary>
public sealed class AuditQueryService(DataTricksDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<Result<Page<AuditEventView>>> PageAsync(string? pageToken, int? pageSize, CancellationToken cancellationToken = default)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
            return Failure.Invalid("pageSize", $"pageSize is 1 to {MaxPageSize}.");
        if (!PageToken.TryParse(pageToken, out var after))
            return Failure.Invalid("pageToken", "pageToken is not one this API returned.");

        var query = db.AuditEvents.AsQueryable();
        if (after is { } position)
            query = query.Where(e => e.OccurredAt < position.At || (e.OccurredAt == position.At && e.Id.CompareTo(position.Id) < 0));

        var rows = await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var emails = await EmailsAsync(rows.SelectMany(e => new[] { e.ActorUserId, e.ImpersonatorUserId }), cancellationToken);
        var customerName = await db.Customers.Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

        var next = rows.Count > size ? new PageToken(rows[size - 1].OccurredAt, rows[size - 1].Id).ToString() : null;
        var items = rows.Take(size).Select(e => new AuditEventView(
            e.Id, e.OccurredAt, e.Action,
            e.ActorUserId, EmailOf(emails, e.ActorUserId),
            e.ImpersonatorUserId, EmailOf(emails, e.ImpersonatorUserId),
            e.TargetType, e.TargetId, e.Details,
            Describe(e, emails, customerName))).ToList();
        return new Page<AuditEventView>(items, next);
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
        e.ImpersonatorUserId is { } staff
            ? $"{EmailOf(emails, staff) ?? staff.ToString()} (DataTricks support, acting in {customerName})"
            : EmailOf(emails, e.ActorUserId) ?? e.ActorUserId?.ToString() ?? "system";

    private static string? EmailOf(Dictionary<Guid, string> emails, Guid? userId) =>
        userId is { } id && emails.TryGetValue(id, out var email) ? email : null;
}
