using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Persistence.Configurations;

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
        builder.Property(u => u.NormalizedEmail).IsRequired();
        // (CustomerId, Id) is what memberships and tokens point at, so they can only join users of their own customer.
        builder.HasAlternateKey(u => new { u.CustomerId, u.Id });
        builder.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        // Identity indexes NormalizedEmail without uniqueness; the e-mail is the login, so it must be unique.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}
