using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DataTricks.Domain.AccessTokens;

/// <summary>
/// The format of a personal access token: <c>dtp_</c>, an 8-character lookup id, <c>_</c>, 32 random bytes; a SCIM
/// token is the same after <c>dts_</c>, so neither can pass for the other.
/// The lookup id (with <c>dtp_</c>) is the stored prefix; only a SHA-256 of the whole token is stored.
/// A fast hash is right here: the secret has 256 bits of entropy, so there is nothing to brute-force.
/// </summary>
public static class TokenSecret
{
    public const string Scheme = "dtp_";
    public const string ScimScheme = "dts_";
    private const int LookupLength = 8;
    private const string LookupAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static (string Token, string Prefix) Generate(string scheme = Scheme)
    {
        var prefix = scheme + RandomNumberGenerator.GetString(LookupAlphabet, LookupLength);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return ($"{prefix}_{secret}", prefix);
    }

    public static bool TryGetPrefix(string token, out string prefix, string scheme = Scheme)
    {
        prefix = "";
        if (!token.StartsWith(scheme, StringComparison.Ordinal) || token.Length <= scheme.Length + LookupLength + 1
            || token[scheme.Length + LookupLength] != '_')
            return false;
        prefix = token[..(scheme.Length + LookupLength)];
        return true;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
