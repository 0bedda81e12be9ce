namespace DataTricks.Domain.SingleSignOn;

/// <summary>What a connection test found: nothing wrong, or what is wrong in words an admin can act on.</summary>
public sealed record ProviderCheckResult(bool Succeeded, string Message)
{
    public static ProviderCheckResult Passed(string message) => new(true, message);

    public static ProviderCheckResult Failed(string message) => new(false, message);
}

/// <summary>Reads an issuer's discovery document and keys, as the sign-in will, and says whether sign-in can work.</summary>
public interface IIdentityProviderCheck
{
    Task<ProviderCheckResult> CheckAsync(string issuer, CancellationToken cancellationToken);
}
