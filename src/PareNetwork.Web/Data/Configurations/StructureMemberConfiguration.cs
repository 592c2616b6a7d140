using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class StructureMemberConfiguration : IEntityTypeConfiguration<StructureMember>
{
    public void Configure(EntityTypeBuilder<StructureMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.StructureId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.RoleInStructure).HasMaxLength(200);
        builder.Property(m => m.Origin).HasMaxLength(100);
        builder.HasOne<Structure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PareUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
