using System.Threading.RateLimiting;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// The limits on password checks that live in code rather than in the rate-limiting middleware: per client address for
/// the interactive sign-up page (a circuit, not an HTTP request), and a bound on how many passwords are hashed at once.
/// Also spends the time of a real check on attempts that have no real account. Pauses per account are
/// <see cref="SignInBackoff"/>'s.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly ConcurrencyLimiter _hashing;
    private string? _decoyHash;

    public SignInThrottle(IOptions<RateLimitingOptions> options)
    {
        var limits = options.Value;
        _perAddress = FixedWindow(limits.SignInPerAddress, limits.Window);
        _hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.PasswordHashingConcurrency,
            QueueLimit = limits.PasswordHashingQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Null when the address may sign up now; otherwise how long to wait.</summary>
    public TimeSpan? AddressRetryAfter(string address) => RetryAfter(_perAddress, address);

    /// <summary>A hashing slot, or null when too many sign-ins already wait for one.</summary>
    public async Task<IDisposable?> EnterHashingAsync(CancellationToken cancellationToken)
    {
        var lease = await _hashing.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
            return lease;
        lease.Dispose();
        return null;
    }

    /// <summary>Checks the password against a decoy, so an unknown, locked or inactive account costs what a real one does.</summary>
    public void SpendCheckTime(IPasswordHasher<User> hasher, string? password)
    {
        var decoy = _decoyHash ??= hasher.HashPassword(new User(), Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(new User(), decoy, password ?? "");
    }

    private static TimeSpan? RetryAfter(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    private static PartitionedRateLimiter<string> FixedWindow(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    public void Dispose()
    {
        _perAddress.Dispose();
        _hashing.Dispose();
    }
}
