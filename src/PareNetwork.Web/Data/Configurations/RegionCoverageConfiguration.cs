using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Coverage;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class RegionCoverageConfiguration : IEntityTypeConfiguration<RegionCoverage>
{
    public void Configure(EntityTypeBuilder<RegionCoverage> builder)
    {
        builder.ToTable("CoverageRegions");
        builder.HasKey(r => new { r.SnapshotId, r.Code });
        builder.Property(r => r.Code).HasMaxLength(3);
        builder.Property(r => r.Name).HasMaxLength(100);
    }
}
