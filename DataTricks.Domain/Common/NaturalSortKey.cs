using System.Text;

namespace DataTricks.Domain.Common;

/// <summary>
/// A key that sorts names the way people read them ("Bulk User 2" before "Bulk User 10") with the database's plain
/// string order, so tables sort and page on the server. Letters are upper-cased; each run of digits loses its
/// leading zeros and is prefixed with its length in two digits, so a longer number sorts after a shorter one.
/// </summary>
public static class NaturalSortKey
{
    /// <summary>The longest key a name of <paramref name="nameMaxLength"/> characters can give (one digit becomes three).</summary>
    public static int MaxLengthFor(int nameMaxLength) => nameMaxLength * 2 + 2;

    public static string Of(string name)
    {
        var key = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            if (!char.IsAsciiDigit(name[i]))
            {
                key.Append(char.ToUpperInvariant(name[i++]));
                continue;
            }
            var start = i;
            while (i < name.Length && char.IsAsciiDigit(name[i]))
                i++;
            var digits = name.AsSpan(start, i - start).TrimStart('0');
            if (digits.IsEmpty)
                digits = "0";
            key.Append(Math.Min(digits.Length, 99).ToString("00")).Append(digits);
        }
        return key.ToString();
    }
}
