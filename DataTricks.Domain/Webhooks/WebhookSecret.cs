using System.Security.Cryptography;
using System.Text;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// Endpoint secrets and signatures as the Standard Webhooks specification has them: a secret is <c>whsec_</c> and the
/// base64 of 32 random bytes, which are the HMAC key; a signature is <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; the header holds one signature per valid secret, space-separated.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The data protector's purpose the stored secrets are sealed for.</summary>
    public const string ProtectionPurpose = "DataTricks.Webhooks.EndpointSecret";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>The <c>webhook-signature</c> header: a signature with each secret, so a receiver holding either verifies it during a rotation.</summary>
    public static string SignatureHeader(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, id, timestamp, body)));
}
