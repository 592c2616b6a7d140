using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(5);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasOne<Departement>().WithMany().HasForeignKey(c => c.DepartementCode);
        builder.HasIndex(c => c.DepartementCode);
        builder.PrimitiveCollection(c => c.PostalCodes);
    }
}
