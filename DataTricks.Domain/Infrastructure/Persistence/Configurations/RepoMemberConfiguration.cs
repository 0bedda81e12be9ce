using DataTricks.Domain.Repos;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class RepoMemberConfiguration : IEntityTypeConfiguration<RepoMember>
{
    public void Configure(EntityTypeBuilder<RepoMember> builder)
    {
        builder.ToTable("RepoMembers");
        builder.HasKey(m => new { m.RepoId, m.UserId });

        // Both keys carry CustomerId, so a membership can only join a user and a repo of one customer;
        // removing either removes the membership.
        builder.HasOne<Repo>().WithMany()
            .HasForeignKey(m => new { m.CustomerId, m.RepoId })
            .HasPrincipalKey(r => new { r.CustomerId, r.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany()
            .HasForeignKey(m => new { m.CustomerId, m.UserId })
            .HasPrincipalKey(u => new { u.CustomerId, u.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CustomerId, m.UserId });
    }
}
