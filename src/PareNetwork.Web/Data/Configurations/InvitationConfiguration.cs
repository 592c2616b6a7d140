using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.StructureId).HasField("_structureId");
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedBy).HasMaxLength(200);
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        builder.HasOne<Structure>().WithMany().HasForeignKey(i => i.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
