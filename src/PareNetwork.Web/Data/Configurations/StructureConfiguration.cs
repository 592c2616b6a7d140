using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.ExternalKey).IsUnique();
        builder.Property(s => s.ExternalKey).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.Acronym).HasMaxLength(50);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Website).HasMaxLength(500);
        builder.Property(s => s.OpeningHours).HasMaxLength(500);
        builder.Property(s => s.Source).HasMaxLength(200);
        builder.Property(s => s.PrivateEmail).HasMaxLength(254);
        builder.Property(s => s.PrivatePhone).HasMaxLength(50);
        builder.Property(s => s.PrivateAddress).HasMaxLength(300);
        builder.Property(s => s.ConfirmedBy).HasMaxLength(200);
        builder.Property(s => s.PublicAddressRequestedBy).HasMaxLength(200);
        builder.Property(s => s.AddressVisibility).HasField("_addressVisibility");
        builder.Property(s => s.Status).HasField("_status");

        builder.Property(s => s.Nature).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Scope).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.LocationPrecision).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.AddressVisibility).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(s => s.Status);

        builder.PrimitiveCollection(s => s.Actions).ElementType().HasConversion<string>();
        builder.PrimitiveCollection(s => s.Publics).ElementType().HasConversion<string>();
        builder.PrimitiveCollection(s => s.Phones);
        builder.PrimitiveCollection(s => s.SocialAccounts);

        builder.HasMany(s => s.Departements).WithMany().UsingEntity(
            "StructureDepartement",
            r => r.HasOne(typeof(Departement)).WithMany().HasForeignKey("DepartementCode"),
            l => l.HasOne(typeof(Structure)).WithMany().HasForeignKey("StructureId").OnDelete(DeleteBehavior.Cascade));

        builder.HasOne(s => s.Commune).WithMany().HasForeignKey(s => s.CommuneCode);

        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsConfidential);
        builder.Ignore(s => s.Slug);
        builder.Ignore(s => s.AllowedTransitions);
        builder.Ignore(s => s.HasPendingPublicAddressRequest);
    }
}
