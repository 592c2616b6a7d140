using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class DepartementConfiguration : IEntityTypeConfiguration<Departement>
{
    public void Configure(EntityTypeBuilder<Departement> builder)
    {
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(3);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasOne(d => d.Region).WithMany(r => r.Departements).HasForeignKey(d => d.RegionCode);
    }
}
