namespace DataTricks.Portal.Security;

/// <summary>The limits of the routes an attacker would hammer: sign-in (API token and form) and sign-up.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Attempts one client address may make per <see cref="Window"/>, over sign-in, token and sign-up together.</summary>
    public int SignInPerAddress { get; set; } = 30;

    /// <summary>Wrong passwords in a row, for one account from one address, before each further one makes that address wait.</summary>
    public int SignInFreeFailures { get; set; } = 5;

    /// <summary>The longest wait between two guesses at one account from one address; the waits double up to it.</summary>
    public TimeSpan SignInMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Passwords checked at once; the rest wait without holding a thread, so hashing cannot starve other requests.</summary>
    public int PasswordHashingConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Sign-ins that may wait for a hashing slot before further ones are answered 429.</summary>
    public int PasswordHashingQueue { get; set; } = 64;
}
