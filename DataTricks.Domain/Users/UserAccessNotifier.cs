using DataTricks.Domain.Common;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Users;

/// <summary>
/// Tells a user's open portal sessions, within the process, that their rights changed (role, active state, password,
/// sign-out everywhere, an impersonation ended), so they re-check them at once instead of at their next revalidation.
/// Keyed by user.
/// </summary>
public sealed class UserAccessNotifier(ILogger<UserAccessNotifier> logger) : KeyedSignal(logger);
