using System.Linq.Expressions;

namespace DataTricks.Domain.Common;

/// <summary>
/// A list's time window: from (inclusive) and until (exclusive), as <c>createdAfter</c>/<c>createdBefore</c> and the
/// audit log's <c>from</c>/<c>to</c> give it.
/// </summary>
public sealed record CreatedRange(DateTimeOffset? After, DateTimeOffset? Before)
{
    public static readonly CreatedRange Any = new(null, null);

    public FieldErrors Check(FieldErrors errors) =>
        errors.Check(After is null || Before is null || After < Before, "createdBefore", "createdBefore is later than createdAfter.");

    public IQueryable<T> Filter<T>(IQueryable<T> items, Expression<Func<T, DateTimeOffset>> created)
    {
        if (After is { } after)
            items = items.Where(Compare(created, after, ExpressionType.GreaterThanOrEqual));
        if (Before is { } before)
            items = items.Where(Compare(created, before, ExpressionType.LessThan));
        return items;
    }

    // In UTC: a client may send any offset, and SQLite keeps a DateTimeOffset as a number that orders by instant only
    // at offset 0 (a bound two hours east compared as a later time).
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTimeOffset>> created, DateTimeOffset bound, ExpressionType comparison) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.MakeBinary(comparison, created.Body, Expression.Constant(bound.ToUniversalTime())), created.Parameters);
}
