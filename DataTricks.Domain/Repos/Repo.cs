using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.Repos;

/// <summary>Notebooks, dashboards and ML assets of a customer, bound to one of that customer's compute environments.</summary>
public sealed class Repo : ITenantOwned
{
    public const int NameMaxLength = 100;
    public static readonly NameRule NameRule = new("The repo name", NameMaxLength);
    public const int DescriptionMaxLength = 2000;
    public static readonly TextRule DescriptionRule = new("The description", DescriptionMaxLength, multiline: true, required: false);

    private Repo() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Upper-cased <see cref="Name"/>: unique per customer, so names are unique case-insensitively.</summary>
    public string NormalizedName { get; private set; } = "";

    /// <summary>The <see cref="NaturalSortKey"/> of <see cref="Name"/>: what tables sort by.</summary>
    public string SortKey { get; private set; } = "";

    /// <summary>For rows written before sort keys existed; see <c>SortKeyBackfill</c>.</summary>
    internal void RefreshSortKey() => SortKey = NaturalSortKey.Of(Name);

    public string? Description { get; private set; }
    public Guid ComputeEnvironmentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Moves at every change: the concurrency token that makes an If-Match write refuse a change made meanwhile.</summary>
    public long Version { get; private set; }

    public static Repo Create(Guid customerId, string name, string? description, Guid computeEnvironmentId, DateTimeOffset now)
    {
        var repo = new Repo { Id = Guid.CreateVersion7(now), CustomerId = customerId, CreatedAt = now };
        repo.Edit(name, description, now);
        repo.BindTo(computeEnvironmentId, now);
        return repo;
    }

    public void Edit(string name, string? description, DateTimeOffset now)
    {
        var check = NameRule.Check(name);
        if (!check.IsValid)
            throw new DomainException(check.Problem);
        var trimmed = check.Value;
        var described = DescriptionRule.Check(description);
        if (!described.IsValid)
            throw new DomainException(described.Problem);
        Name = trimmed;
        NormalizedName = trimmed.ToUpperInvariant();
        SortKey = NaturalSortKey.Of(trimmed);
        Description = described.Value.Length == 0 ? null : described.Value;
        Touch(now);
    }

    /// <summary>Whether the environment is the customer's and bindable is checked by the service and enforced by the schema.</summary>
    public void BindTo(Guid computeEnvironmentId, DateTimeOffset now)
    {
        ComputeEnvironmentId = computeEnvironmentId;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
