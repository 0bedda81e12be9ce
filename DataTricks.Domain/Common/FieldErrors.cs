namespace DataTricks.Domain.Common;

/// <summary>Collects the field messages of one request so the caller sees all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public FieldErrors Check(bool valid, string field, string message)
    {
        if (!valid)
        {
            if (!_errors.TryGetValue(field, out var messages))
                _errors[field] = messages = [];
            messages.Add(message);
        }
        return this;
    }

    /// <summary>Adds the name rule's message for <paramref name="field"/> when <paramref name="name"/> is not valid.</summary>
    public FieldErrors Check(string field, NameCheck name) => Check(name.IsValid, field, name.Problem ?? "");

    public bool Any => _errors.Count > 0;

    public Failure ToFailure() => Failure.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
