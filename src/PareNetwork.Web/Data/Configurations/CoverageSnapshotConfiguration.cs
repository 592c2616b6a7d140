using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Coverage;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class CoverageSnapshotConfiguration : IEntityTypeConfiguration<CoverageSnapshot>
{
    public void Configure(EntityTypeBuilder<CoverageSnapshot> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.MethodVersion).HasMaxLength(20);
        builder.HasIndex(s => s.ComputedAt);
        builder.HasMany(s => s.Departements).WithOne().HasForeignKey(d => d.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Regions).WithOne().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
