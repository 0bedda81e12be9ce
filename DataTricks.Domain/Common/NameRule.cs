using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DataTricks.Domain.Common;

/// <summary>A name as cleaned for storage, and why it cannot be stored (null when it can).</summary>
public sealed record NameCheck(string Value, string? Problem)
{
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;
}

/// <summary>
/// The rule of one kind of human-readable name. A name is normalized to NFC and trimmed of surrounding spaces; it must
/// then be 1 to <see cref="MaxLength"/> characters with at least one visible character, and no control characters
/// (line breaks, tabs, escapes, NUL) or text-direction controls, which make a name look like something it is not.
/// </summary>
public sealed class NameRule(string subject, int maxLength)
{
    public int MaxLength => maxLength;

    public NameCheck Check(string? raw)
    {
        var cleaned = Clean(raw);
        // Clean gives null only for text with a lone surrogate, so raw is not null there; it goes back as given.
        return cleaned is null
            ? new NameCheck(raw!, $"{subject} contains characters that are not valid text.")
            : new NameCheck(cleaned, Problem(cleaned));
    }

    /// <summary>The name in NFC without surrounding spaces; null when it is not valid UTF-16 (a lone surrogate).</summary>
    public static string? Clean(string? raw)
    {
        if (raw is null)
            return "";
        if (CleanText.HasLoneSurrogate(raw))
            return null;
        var normalized = raw.Normalize(NormalizationForm.FormC);
        // Only spaces: a trailing line break or tab is refused below rather than silently dropped.
        var start = 0;
        var end = normalized.Length;
        while (start < end && IsSpace(normalized[start]))
            start++;
        while (end > start && IsSpace(normalized[end - 1]))
            end--;
        return normalized[start..end];
    }

    private string? Problem(string name)
    {
        if (name.Length == 0 || name.Length > maxLength)
            return $"{subject} has 1 to {maxLength} characters.";
        if (!CleanText.IsClean(name))
            return $"{subject} cannot contain control characters such as line breaks or tabs.";
        if (name.Any(IsDirectionControl))
            return $"{subject} cannot contain text-direction controls.";
        if (name.All(IsInvisible))
            return $"{subject} needs at least one visible character.";
        return null;
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) && !char.IsControl(c);

    private static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    // Hangul fillers and the braille blank are letters and symbols to Unicode, yet draw nothing.
    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark;
}
