using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.Events;

/// <summary>The event an operation's end is, if any: a canceled create is followed by the delete that cleans up, which reports itself.</summary>
internal static class OperationEvents
{
    public static string? TypeOf(OperationStatus status) => status switch
    {
        OperationStatus.Succeeded => EventTypes.OperationSucceeded,
        OperationStatus.Failed => EventTypes.OperationFailed,
        _ => null,
    };
}
