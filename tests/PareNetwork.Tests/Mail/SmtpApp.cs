using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Mail;

/// <summary>
/// An app of its own that sends through <see cref="Smtp"/> (down until a test starts it), on a fake clock that only
/// the tests move. Its tests run one after the other and each leaves no message due behind it.
/// </summary>
public sealed class SmtpApp : IAsyncLifetime
{
    private readonly PareAppFactory _base = new();

    public SmtpApp() => Factory = _base.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Pare:Mail:SmtpHost", "127.0.0.1");
        builder.UseSetting("Pare:Mail:SmtpPort", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Pare:Mail:SmtpStartTls", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    });

    public LoopbackSmtp Smtp { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> Factory { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public OutboxDelivery Delivery => Factory.Services.GetRequiredService<OutboxDelivery>();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Writes a message to the outbox, as the app's mail helpers do, and returns its id.</summary>
    public async Task<OutboxMessage> WriteAsync(string to, string subject = "Essai – Réseau PARÉ", string body = "Bonjour.")
    {
        var message = new OutboxMessage { To = to, Subject = subject, TextBody = body, CreatedAt = Now };
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    public async Task<OutboxMessage> ReadAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PareDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Factory.DisposeAsync();
        await _base.DisposeAsync();
        _base.DeleteFolder();
    }
}
