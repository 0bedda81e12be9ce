using DataTricks.Domain.Common;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// Tells this node's open webhook pages of a customer that its endpoints or deliveries changed: an endpoint added or
/// changed, deliveries made, an attempt recorded. Attempts other nodes make reach the pages at their next refresh.
/// </summary>
public sealed class WebhookActivity(ILogger<WebhookActivity> logger) : KeyedSignal(logger);
