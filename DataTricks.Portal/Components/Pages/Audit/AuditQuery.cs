using System.Globalization;
using DataTricks.Domain.Auditing;
using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Components.Pages.Audit;

/// <summary>
/// The audit log's filters as they read in its URL (<c>?actor=&amp;action=&amp;target=&amp;from=&amp;to=</c>), so a reload or a
/// shared link shows the same events. Dates are days on the viewer's calendar, both ends included.
/// </summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Target, DateOnly? From, DateOnly? To)
{
    public static AuditQuery Parse(string? actor, string? action, string? target, string? from, string? to) =>
        new(Blank(actor), Blank(action), Blank(target), DayOf(from), DayOf(to));

    public static AuditQuery Of(IQueryCollection query) =>
        Parse(query["actor"], query["action"], query["target"], query["from"], query["to"]);

    /// <summary>The same query as URL parameters; null drops a parameter.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["actor"] = Actor, ["action"] = Action, ["target"] = Target,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The filter in instants: from the start of <see cref="From"/> to the end of <see cref="To"/> on the viewer's clock.</summary>
    public AuditFilter ToFilter(ViewerClock clock) => new(Actor, Action, Target, StartOf(From, clock), StartOf(To?.AddDays(1), clock));

    private static DateTimeOffset? StartOf(DateOnly? day, ViewerClock clock)
    {
        if (day is not { } date)
            return null;
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A day as a date input gives it (yyyy-MM-dd); anything else is no day.</summary>
    public static DateOnly? DayOf(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
