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
        builder.LinksWithinCustomer<RepoMember, Repo>(nameof(RepoMember.RepoId));
        builder.LinksWithinCustomer<RepoMember, User>(nameof(RepoMember.UserId));
    }
}
