namespace DataTricks.Domain.Common;

/// <summary>Texts the system writes itself (status and error messages from the cloud), cut to fit their column.</summary>
public static class TextLimit
{
    public static string Cut(string text, int maxLength) => text[..Math.Min(text.Length, maxLength)];
}
