using DataTricks.Domain.Groups;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.LinksWithinCustomer<GroupMember, Group>(nameof(GroupMember.GroupId));
        builder.LinksWithinCustomer<GroupMember, User>(nameof(GroupMember.UserId));
    }
}
