namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// The time zone of the person looking at the page, so times read as their wall clock and say which zone they are in.
/// The browser reports its zone in a cookie (<c>timezone.js</c>) that the server reads before it renders; a browser
/// that has not reported one, or reports a zone this server does not know, sees UTC.
/// </summary>
public sealed class ViewerClock
{
    public const string CascadeName = "ViewerClock";
    private const string Cookie = "dt_tz";
    public static readonly ViewerClock Utc = new(TimeZoneInfo.Utc);

    private ViewerClock(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone as people know it: "Europe/Paris", or "UTC".</summary>
    public string ZoneName => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    public static ViewerClock Of(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && zoneId.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) && zone.Id != "Etc/UTC"
            ? new ViewerClock(zone)
            : Utc;

    public static string? Read(HttpContext context) => context.Request.Cookies[Cookie];

    public DateTimeOffset ToViewer(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"2026-11-27 16:30:05": for tables whose header names the zone.</summary>
    public string Format(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm:ss") => ToViewer(at).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026-11-27 16:30 Europe/Paris": for a time standing alone in a sentence.</summary>
    public string FormatWithZone(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") => $"{Format(at, format)} {ZoneName}";
}
