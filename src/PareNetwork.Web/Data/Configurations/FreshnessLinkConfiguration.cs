using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class FreshnessLinkConfiguration : IEntityTypeConfiguration<FreshnessLink>
{
    public void Configure(EntityTypeBuilder<FreshnessLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.HasIndex(l => l.ExpiresAt);
        builder.HasOne<Structure>().WithMany().HasForeignKey(l => l.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
