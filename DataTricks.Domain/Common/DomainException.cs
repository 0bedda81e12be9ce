namespace DataTricks.Domain.Common;

/// <summary>An operation that would break an invariant of the domain. Reaching one is a bug in the caller.</summary>
public class DomainException(string message) : InvalidOperationException(message);
