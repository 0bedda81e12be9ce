using DataTricks.Domain.Common;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Groups;

/// <summary>
/// Tells a customer's open pages, within the process, that who may use its repos changed (a group's members, a repo
/// shared with or taken from a group, a group deleted), so member lists redraw at once. Keyed by customer.
/// </summary>
public sealed class RepoAccessNotifier(ILogger<RepoAccessNotifier> logger) : KeyedSignal(logger);
