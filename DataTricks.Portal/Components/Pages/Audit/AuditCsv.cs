using System.Text;
using DataTricks.Domain.Auditing;
using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Components.Pages.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180), times in the viewer's zone with their offset. A cell a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe: actors and names come from users.
/// </summary>
public static class AuditCsv
{
    public const string Header = "occurredAt,actor,action,summary,targetType,targetId,targetName,details";

    public static string Row(AuditEventView e, ViewerClock clock)
    {
        var target = e.TargetDeleted ? "(deleted)" : e.TargetName;
        string?[] cells = [clock.ToViewer(e.OccurredAt).ToString("yyyy-MM-ddTHH:mm:sszzz"), e.Actor, e.Action, e.Summary, e.TargetType, e.TargetId, target, e.Details];
        return string.Join(',', cells.Select(Cell));
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<AuditEventView> events, ViewerClock clock, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false));
        await writer.WriteLineAsync(Header);
        await foreach (var e in events.WithCancellation(cancellationToken))
            await writer.WriteLineAsync(Row(e, clock));
    }
}
