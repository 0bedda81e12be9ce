using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class RepoGroupGrantConfiguration : IEntityTypeConfiguration<RepoGroupGrant>
{
    public void Configure(EntityTypeBuilder<RepoGroupGrant> builder)
    {
        builder.ToTable("RepoGroupGrants");
        builder.HasKey(g => new { g.RepoId, g.GroupId });
        builder.LinksWithinCustomer<RepoGroupGrant, Repo>(nameof(RepoGroupGrant.RepoId));
        builder.LinksWithinCustomer<RepoGroupGrant, Group>(nameof(RepoGroupGrant.GroupId));
    }
}
