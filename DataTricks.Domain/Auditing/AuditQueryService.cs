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

        // Staff users belong to the operator customer, so actor e-mails are looked up past the tenant filter.
        var users = db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);
        var rows = await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(size + 1)
            .Select(e => new AuditEventView(
                e.Id, e.OccurredAt, e.Action,
                e.ActorUserId, users.Where(u => u.Id == e.ActorUserId).Select(u => u.Email).FirstOrDefault(),
                e.ImpersonatorUserId, users.Where(u => u.Id == e.ImpersonatorUserId).Select(u => u.Email).FirstOrDefault(),
                e.TargetType, e.TargetId, e.Details))
            .ToListAsync(cancellationToken);

        var next = rows.Count > size ? new PageToken(rows[size - 1].OccurredAt, rows[size - 1].Id).ToString() : null;
        return new Page<AuditEventView>(rows.Take(size).ToList(), next);
    }
}
