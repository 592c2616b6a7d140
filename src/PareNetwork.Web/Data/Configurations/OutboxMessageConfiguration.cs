using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => m.SentAt);
        // Every write to a message checks the claim it was read with: a delivery that lost its claim saves nothing.
        builder.Property(m => m.LeaseToken).IsConcurrencyToken();
        builder.Ignore(m => m.MessageId);
    }
}
