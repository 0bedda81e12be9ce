namespace DataTricks.Domain.Common;

/// <summary>A closed set's value by its name in any case, as a query parameter gives it; numbers are not names.</summary>
public static class EnumText
{
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (text is null)
            return true;
        // Enum.TryParse takes "3" for the fourth value; a client sending a number has the wrong idea of the API.
        if (int.TryParse(text, out _) || !Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            return false;
        value = parsed;
        return true;
    }

    public static string Rule<T>(string field) where T : struct, Enum => $"{field} is one of {string.Join(", ", Enum.GetNames<T>())}.";
}
