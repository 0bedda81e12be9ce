using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// Growing pauses after failed sign-ins, kept per account and client address: the first
/// <see cref="RateLimitingOptions.SignInFreeFailures"/> wrong passwords cost nothing (typos), each further one doubles
/// the wait before that address may try that account again, up to <see cref="RateLimitingOptions.SignInMaxDelay"/>.
/// Guessing stays slow, yet nobody elsewhere can lock the owner out: the owner's own address has its own count. A
/// success clears the count. Unknown e-mails are counted the same way, so the pauses tell nothing about who has an account.
/// Each node keeps its own counts; the load balancer keeps a client on one node.
/// </summary>
public sealed class SignInBackoff(IOptions<RateLimitingOptions> options, TimeProvider time)
{
    /// <summary>Counts older than this since their last failure are forgotten, so memory holds recent attempts only.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Failures> _failures = new();

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset NotBefore);

    /// <summary>Null when <paramref name="address"/> may try <paramref name="email"/> now; otherwise how long it must wait.</summary>
    public TimeSpan? RetryAfter(string? email, string address)
    {
        if (!_failures.TryGetValue(Key(email, address), out var failures))
            return null;
        var wait = failures.NotBefore - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>A wrong password's consequence: how long its address now waits, and whether this failure started the waiting.</summary>
    public sealed record Pause(TimeSpan Wait, bool Started);

    /// <summary>Counts a wrong password and returns the pause it starts (none while failures are still free).</summary>
    public Pause Failed(string? email, string address)
    {
        var now = time.GetUtcNow();
        var limits = options.Value;
        var failures = _failures.AddOrUpdate(Key(email, address),
            _ => new Failures(1, now, now + WaitAfter(1, limits)),
            (_, before) => before.Last + ForgetAfter < now
                ? new Failures(1, now, now + WaitAfter(1, limits))
                : new Failures(before.Count + 1, now, now + WaitAfter(before.Count + 1, limits)));
        if (_failures.Count > PruneAbove)
            Prune(now);
        var wait = failures.NotBefore - now;
        return new Pause(wait, wait > TimeSpan.Zero && WaitAfter(failures.Count - 1, limits) == TimeSpan.Zero);
    }

    public void Succeeded(string? email, string address) => _failures.TryRemove(Key(email, address), out _);

    /// <summary>The pause after the <paramref name="count"/>th failure in a row: none, then 1 s, 2 s, 4 s… up to the maximum.</summary>
    public static TimeSpan WaitAfter(int count, RateLimitingOptions limits)
    {
        var beyond = count - limits.SignInFreeFailures;
        if (beyond <= 0)
            return TimeSpan.Zero;
        var seconds = Math.Pow(2, Math.Min(beyond - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, limits.SignInMaxDelay.TotalSeconds));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
            if (failures.Last + ForgetAfter < now)
                _failures.TryRemove(key, out _);
    }

    private static (string, string) Key(string? email, string address) => ((email ?? "").Trim().ToUpperInvariant(), address);
}
