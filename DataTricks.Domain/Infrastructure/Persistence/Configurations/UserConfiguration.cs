using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
        builder.Property(u => u.SortKey).HasMaxLength(NaturalSortKey.MaxLengthFor(User.DisplayNameMaxLength));
        builder.HasIndex(u => new { u.CustomerId, u.SortKey });
        builder.Property(u => u.Email).IsRequired();
        builder.Property(u => u.SessionStamp).HasMaxLength(32);
        builder.Property(u => u.ExternalId).HasMaxLength(User.ExternalIdMaxLength);
        builder.Property(u => u.GivenName).HasMaxLength(User.NamePartMaxLength);
        builder.Property(u => u.FamilyName).HasMaxLength(User.NamePartMaxLength);
        // A directory looks its people up by its own id (SCIM filter externalId eq "…").
        builder.HasIndex(u => new { u.CustomerId, u.ExternalId });
        builder.Property(u => u.NormalizedEmail).IsRequired();
        // (CustomerId, Id) is what memberships and tokens point at, so they can only join users of their own customer.
        builder.HasAlternateKey(u => new { u.CustomerId, u.Id });
        builder.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        // An address, which is also the user name, is unique within a customer only: a platform-wide index would tell
        // anyone who signs up or adds a user whether the address has an account in another customer. Sign-in finds an
        // address in every customer through Identity's own (non-unique) e-mail index.
        builder.HasIndex(u => u.NormalizedUserName).IsUnique(false);
        builder.HasIndex(u => new { u.CustomerId, u.NormalizedEmail }).IsUnique();
        builder.HasIndex(u => new { u.CustomerId, u.NormalizedUserName }).IsUnique();
    }
}
