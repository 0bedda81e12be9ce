using System.Security.Cryptography;

namespace DataTricks.Domain.Users;

/// <summary>Initial passwords that satisfy the policy: 16 characters, every class present, from a CSPRNG.</summary>
public static class PasswordGenerator
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%&*+-=?@";

    public static string Generate()
    {
        var all = Upper + Lower + Digits + Symbols;
        var characters = new[] { Pick(Upper), Pick(Lower), Pick(Digits), Pick(Symbols) }
            .Concat(Enumerable.Range(0, 12).Select(_ => Pick(all)))
            .ToArray();
        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
