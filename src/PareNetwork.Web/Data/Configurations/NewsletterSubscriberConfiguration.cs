using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class NewsletterSubscriberConfiguration : IEntityTypeConfiguration<NewsletterSubscriber>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscriber> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.NormalizedEmail).IsUnique();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.Status);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(254);
        builder.Property(s => s.Civility).HasMaxLength(20);
        builder.Property(s => s.FirstName).HasMaxLength(100);
        builder.Property(s => s.LastName).HasMaxLength(100);
        builder.Property(s => s.StructureType).HasMaxLength(40);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ConsentWording).HasMaxLength(1000);
        builder.Property(s => s.ConsentVersion).HasMaxLength(40);
        builder.Property(s => s.RequestIpHash).HasMaxLength(64);
        builder.Property(s => s.ConfirmationIpHash).HasMaxLength(64);
        builder.Property(s => s.RenewalIpHash).HasMaxLength(64);
        // A link works once even when two presses race: the second save finds the hash changed.
        builder.Property(s => s.TokenHash).HasMaxLength(64).IsConcurrencyToken();
        builder.Ignore(s => s.LastConsentAt);
    }
}
