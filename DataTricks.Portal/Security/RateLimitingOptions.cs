namespace DataTricks.Portal.Security;

/// <summary>
/// The limits of the routes an attacker would hammer (sign-in, API token and form, and sign-up) and of the whole API
/// for an authenticated caller (per token and per customer).
/// </summary>
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

    /// <summary>API requests one token (an access token or a personal access token) may make.</summary>
    public ApiRateLimit ApiPerToken { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    /// <summary>API requests all the tokens of one customer may make together.</summary>
    public ApiRateLimit ApiPerCustomer { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class ApiRateLimit
{
    public double PermitsPerSecond { get; set; }

    public int Burst { get; set; }

    /// <summary>Seconds an empty bucket takes to fill: the window of the RateLimit-Policy header.</summary>
    public int RefillSeconds => (int)Math.Ceiling(Burst / PermitsPerSecond);
}
