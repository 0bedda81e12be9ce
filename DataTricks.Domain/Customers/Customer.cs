using DataTricks.Domain.Common;

namespace DataTricks.Domain.Customers;

/// <summary>A tenant: a company that signed up. Everything else belongs to exactly one customer.</summary>
public sealed class Customer
{
    public const int NameMaxLength = 100;
    public static readonly NameRule NameRule = new("The customer name", NameMaxLength);

    private Customer() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Upper-cased <see cref="Name"/>: the unique index on it makes names unique case-insensitively on every provider.</summary>
    public string NormalizedName { get; private set; } = "";

    /// <summary>The <see cref="NaturalSortKey"/> of <see cref="Name"/>: what tables sort by.</summary>
    public string SortKey { get; private set; } = "";

    /// <summary>For rows written before sort keys existed; see <c>SortKeyBackfill</c>.</summary>
    internal void RefreshSortKey() => SortKey = NaturalSortKey.Of(Name);

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>True only for DataTricks itself, whose users are support staff.</summary>
    public bool IsPlatformOperator { get; private set; }

    /// <summary>Moves at every change: the concurrency token that makes an If-Match write refuse a change made meanwhile.</summary>
    public long Version { get; private set; }

    public static Customer Create(string name, DateTimeOffset now, bool isPlatformOperator = false)
    {
        var customer = new Customer { Id = Guid.CreateVersion7(now), CreatedAt = now, IsPlatformOperator = isPlatformOperator };
        customer.Rename(name);
        return customer;
    }

    public void Rename(string name)
    {
        var check = NameRule.Check(name);
        if (!check.IsValid)
            throw new DomainException(check.Problem);
        Name = check.Value;
        NormalizedName = Normalize(check.Value);
        SortKey = NaturalSortKey.Of(check.Value);
        Version++;
    }

    public static string Normalize(string name) => name.ToUpperInvariant();
}
