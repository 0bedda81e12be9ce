using DataTricks.Domain.Common;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Events;

/// <summary>Tells this node's waiting feed readers of a customer that its feed has grown.</summary>
public sealed class EventFeedSignal(ILogger<EventFeedSignal> logger) : KeyedSignal(logger);
