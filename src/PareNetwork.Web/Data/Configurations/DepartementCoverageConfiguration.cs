using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Coverage;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class DepartementCoverageConfiguration : IEntityTypeConfiguration<DepartementCoverage>
{
    public void Configure(EntityTypeBuilder<DepartementCoverage> builder)
    {
        builder.ToTable("CoverageDepartements");
        builder.HasKey(d => new { d.SnapshotId, d.Code });
        builder.HasIndex(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(3);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.RegionCode).HasMaxLength(3);
        builder.Property(d => d.RegionName).HasMaxLength(100);
        builder.Property(d => d.Class).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(d => d.MissingActions);
        builder.Property(d => d.ByAction)
            .HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>(),
                new ValueComparer<Dictionary<string, int>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (hash, kv) => HashCode.Combine(hash, kv.Key, kv.Value)),
                    v => new Dictionary<string, int>(v)))
            .HasMaxLength(1000);
        builder.Ignore(d => d.Total);
    }
}
