using DataTricks.Domain.Common;

namespace DataTricks.Portal.Components.Shared;

/// <summary>A service failure as a form shows it: messages under their fields, anything else above the form.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? General { get; private set; }

    /// <summary>Changes with every refusal shown: forms key their fields on it so a repeated error is shown again.</summary>
    public int Version { get; private set; }

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? Of(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Show(Failure failure)
    {
        _fields = failure.FieldErrors ?? new Dictionary<string, string[]>();
        General = failure.FieldErrors is null ? failure.Detail : null;
        Version++;
    }

    /// <summary>A message about the whole form, such as being asked to wait.</summary>
    public void ShowGeneral(string message)
    {
        _fields = new Dictionary<string, string[]>();
        General = message;
    }

    public void Clear()
    {
        _fields = new Dictionary<string, string[]>();
        General = null;
    }
}
