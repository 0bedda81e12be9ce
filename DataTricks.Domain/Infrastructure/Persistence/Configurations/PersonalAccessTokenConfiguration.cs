using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(32);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasOne<User>().WithMany()
            .HasForeignKey(t => new { t.CustomerId, t.UserId })
            .HasPrincipalKey(u => new { u.CustomerId, u.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
    }
}
