using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataTricks.Domain.Events;

/// <summary>
/// How stored event data and snapshots are written: as the API writes JSON (camelCase, enums by name), so an event's
/// data reads the same in a webhook, in the feed and in the API's answers, and an event written before a status was
/// added still reads the same.
/// </summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
