namespace DataTricks.Domain.Common;

/// <summary>
/// What every text the portal stores or searches must be, whatever its own rule: valid UTF-16, and free of control
/// characters (NUL among them, which PostgreSQL refuses in any text and SQLite would store), except the line breaks
/// and tabs of a text that may span lines. Names, descriptions, reasons, e-mail addresses, searches and filters all ask here.
/// </summary>
public static class CleanText
{
    public static bool IsClean(string text, bool multiline = false) =>
        !HasLoneSurrogate(text) && !text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));

    /// <summary>A high surrogate not followed by a low one, or a low one not after a high one: not text in any encoding.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }
}
