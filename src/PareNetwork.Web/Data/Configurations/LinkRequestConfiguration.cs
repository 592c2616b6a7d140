using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class LinkRequestConfiguration : IEntityTypeConfiguration<LinkRequest>
{
    public void Configure(EntityTypeBuilder<LinkRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.StructureId).HasField("_structureId");
        builder.Property(r => r.RoleInStructure).HasMaxLength(200);
        builder.Property(r => r.ProfessionalEmail).HasMaxLength(254);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.RefusalReason).HasMaxLength(1000);
        // A decision saves only over a still-pending request: two coordinators deciding at once cannot both win.
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30).IsConcurrencyToken();
        builder.HasIndex(r => r.Status);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PareUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsPending);
    }
}
