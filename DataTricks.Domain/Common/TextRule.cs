using System.Text;

namespace DataTricks.Domain.Common;

/// <summary>
/// The rule of one kind of free text (a description, a reason): normalized to NFC and trimmed, at most
/// <see cref="MaxLength"/> characters, clean as <see cref="CleanText"/> says, with line breaks and tabs allowed when
/// it may span lines. An optional text may be empty.
/// </summary>
public sealed class TextRule(string subject, int maxLength, bool multiline, bool required)
{
    public int MaxLength => maxLength;

    public NameCheck Check(string? raw)
    {
        raw ??= "";
        if (CleanText.HasLoneSurrogate(raw))
            return new NameCheck(raw, $"{subject} contains characters that are not valid text.");
        var text = raw.Normalize(NormalizationForm.FormC).Trim();
        if (!CleanText.IsClean(text, multiline))
            return new NameCheck(text, multiline
                ? $"{subject} cannot contain control characters other than line breaks and tabs."
                : $"{subject} cannot contain control characters such as line breaks or tabs.");
        if (text.Length > maxLength || (required && text.Length == 0))
            return new NameCheck(text, required ? $"{subject} has 1 to {maxLength} characters." : $"{subject} has at most {maxLength} characters.");
        return new NameCheck(text, null);
    }
}
