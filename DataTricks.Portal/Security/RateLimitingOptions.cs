namespace DataTricks.Portal.Security;

/// <summary>The limits of the routes an attacker would hammer: sign-in (API token and form) and sign-up.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Attempts one client address may make per <see cref="Window"/>, over sign-in, token and sign-up together.</summary>
    public int SignInPerAddress { get; set; } = 30;

    /// <summary>Sign-in attempts per <see cref="Window"/> for one e-mail, from anywhere: slows guessing spread over many addresses.</summary>
    public int SignInPerAccount { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Passwords checked at once; the rest wait without holding a thread, so hashing cannot starve other requests.</summary>
    public int PasswordHashingConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Sign-ins that may wait for a hashing slot before further ones are answered 429.</summary>
    public int PasswordHashingQueue { get; set; } = 64;
}
