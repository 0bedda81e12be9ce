using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Events;

/// <summary>The caller's customer's events, oldest first from a cursor, for consumers that pull instead of receiving webhooks.</summary>
public sealed class EventFeedService(DataTricksDbContext db)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>Checks a request of the feed: its cursor, its types (comma-separated; none is all) and its page size.</summary>
    public static Result<EventFeedQuery> Parse(string? after, string? types, int? pageSize)
    {
        var errors = new FieldErrors();
        errors.Check(EventCursor.TryParse(after, out var cursor), "after", "after is a cursor from an earlier answer's next, or nothing to start from the oldest kept event.");
        var names = (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !EventTypes.IsSubscribable(n)).ToList();
        errors.Check(unknown.Count == 0, "types", $"Unknown event types: {string.Join(", ", unknown)}. The types are: {string.Join(", ", EventTypes.Subscribable.Select(t => t.Name))}.");
        errors.Check(pageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"pageSize is from 1 to {MaxPageSize}.");
        if (errors.Any)
            return errors.ToFailure();
        return new EventFeedQuery(cursor, [.. names.Distinct()], pageSize ?? DefaultPageSize);
    }

    public async Task<EventFeedPage> PageAsync(EventFeedQuery query, CancellationToken cancellationToken = default)
    {
        // Read before the page: everything up to it was looked at when the page is not full, so a filtered reader moves
        // past events it does not want; an event placed after this read is beyond it and is not skipped.
        var newest = await db.CustomerEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0;
        var after = query.After.Position;
        var events = db.CustomerEvents.AsNoTracking().Where(e => e.Position > after);
        if (query.Types.Count > 0)
        {
            var types = query.Types;
            events = events.Where(e => types.Contains(e.Type));
        }
        var page = await events.OrderBy(e => e.Position).Take(query.PageSize).ToListAsync(cancellationToken);
        var next = page.Count == query.PageSize ? page[^1].Position!.Value : Math.Max(after, Math.Max(newest, page.LastOrDefault()?.Position ?? 0));
        return new EventFeedPage([.. page.Select(e => e.ToView())], new EventCursor(next).ToString());
    }
}

/// <summary>A checked request of the feed.</summary>
public sealed record EventFeedQuery(EventCursor After, IReadOnlyList<string> Types, int PageSize);
