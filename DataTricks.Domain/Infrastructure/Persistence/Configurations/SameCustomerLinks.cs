using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

/// <summary>The references of a link row (a membership, a share), each to a row of the link's own customer.</summary>
internal static class SameCustomerLinks
{
    /// <summary>
    /// The link's <c>CustomerId</c> and <paramref name="idProperty"/> reference <typeparamref name="TPrincipal"/>'s
    /// (<c>CustomerId</c>, <c>Id</c>), so a link can only join rows of one customer, whichever customer it claims;
    /// removing the principal removes its links.
    /// </summary>
    public static EntityTypeBuilder<TLink> LinksWithinCustomer<TLink, TPrincipal>(this EntityTypeBuilder<TLink> builder, string idProperty)
        where TLink : class
        where TPrincipal : class
    {
        builder.HasOne<TPrincipal>().WithMany()
            .HasForeignKey(nameof(ITenantOwned.CustomerId), idProperty)
            .HasPrincipalKey(nameof(ITenantOwned.CustomerId), "Id")
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(nameof(ITenantOwned.CustomerId), idProperty);
        return builder;
    }
}
