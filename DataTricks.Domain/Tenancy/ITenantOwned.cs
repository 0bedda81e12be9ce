namespace DataTricks.Domain.Tenancy;

/// <summary>A row that belongs to one customer: filtered to the caller's customer on read and guarded on write.</summary>
public interface ITenantOwned
{
    Guid CustomerId { get; }
}
