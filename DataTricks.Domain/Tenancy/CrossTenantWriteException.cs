using DataTricks.Domain.Common;

namespace DataTricks.Domain.Tenancy;

/// <summary>A unit of work tried to write a row of a customer other than its own: always a bug, never user input.</summary>
public sealed class CrossTenantWriteException(string entity, Guid rowCustomerId, Guid? scopeCustomerId)
    : DomainException($"Refused to write {entity} of customer {rowCustomerId} from the scope of customer {scopeCustomerId?.ToString() ?? "(none)"}.");
