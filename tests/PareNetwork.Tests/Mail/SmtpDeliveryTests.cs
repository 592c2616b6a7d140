using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Mail;

/// <summary>Delivery through a real SMTP listener on loopback: backoff while it is down, exactly once when it listens.</summary>
public sealed class SmtpDeliveryTests(SmtpApp app) : IClassFixture<SmtpApp>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => app.Smtp.StopAsync();

    [Fact]
    public async Task A_message_waits_while_the_server_is_down_then_goes_exactly_once_with_its_stable_message_id()
    {
        var to = $"attente-{Guid.NewGuid():N}@exemple.org";
        var message = await app.WriteAsync(to, "Confirmez votre adresse – Réseau PARÉ");
        var written = app.Now;

        Assert.Equal(0, await app.Delivery.FlushAsync());
        var waiting = await app.ReadAsync(message.Id);
        Assert.Null(waiting.SentAt);
        Assert.Null(waiting.FailedAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("SocketException", waiting.LastError);
        Assert.Equal(written.AddMinutes(1), waiting.NextAttemptAt);
        Assert.Null(waiting.LeaseToken);

        await app.Smtp.StartAsync();
        Assert.Equal(0, await app.Delivery.FlushAsync());
        Assert.Empty(app.Smtp.ReceivedWith([message.MessageId]));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.Delivery.FlushAsync());
        Assert.Equal(0, await app.Delivery.FlushAsync());

        var received = Assert.Single(app.Smtp.ReceivedWith([message.MessageId]));
        Assert.Equal($"{message.Id:N}@pare-network", received.MessageId);
        Assert.Equal(to, Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("Confirmez votre adresse – Réseau PARÉ", received.Subject);
        var sent = await app.ReadAsync(message.Id);
        Assert.Equal(app.Now, sent.SentAt);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Null(sent.NextAttemptAt);
    }

    [Fact]
    public async Task Concurrent_deliveries_send_each_message_once()
    {
        await app.Smtp.StartAsync();
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < 30; i++)
        {
            messages.Add(await app.WriteAsync($"course-{i}-{Guid.NewGuid():N}@exemple.org"));
        }
        // Two flushes of the app's delivery and a second worker of its own, all at once.
        var other = ActivatorUtilities.CreateInstance<OutboxDelivery>(app.Factory.Services);
        var counts = await Task.WhenAll(
            Task.Run(() => app.Delivery.FlushAsync()),
            Task.Run(() => app.Delivery.FlushAsync()),
            Task.Run(() => other.FlushAsync()));

        Assert.Equal(30, counts.Sum());
        var received = app.Smtp.ReceivedWith(messages.Select(m => m.MessageId));
        Assert.Equal(30, received.Count);
        Assert.Equal(30, received.Select(m => m.MessageId).Distinct().Count());
        foreach (var message in messages)
        {
            var stored = await app.ReadAsync(message.Id);
            Assert.Equal((1, (string?)null), (stored.Attempts, stored.LastError));
            Assert.NotNull(stored.SentAt);
        }
        Assert.Equal(0, await app.Delivery.FlushAsync());
    }

    [Fact]
    public async Task After_ten_failures_a_message_is_given_up_shown_to_the_coordination_without_its_body_and_retried_on_request()
    {
        var to = $"echec-{Guid.NewGuid():N}@exemple.org";
        var secret = $"https://localhost/reinitialiser-mot-de-passe?jeton={Guid.NewGuid():N}";
        var message = await app.WriteAsync(to, "Réinitialisez votre mot de passe – Réseau PARÉ", $"Ouvrez ce lien : {secret}");

        var waits = new List<double>();
        for (var attempt = 1; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            Assert.Equal(0, await app.Delivery.FlushAsync());
            var stored = await app.ReadAsync(message.Id);
            Assert.Equal(attempt, stored.Attempts);
            if (stored.NextAttemptAt is { } next)
            {
                waits.Add((next - app.Now).TotalMinutes);
                app.Time.Advance(next - app.Now);
            }
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 240], waits);
        var failed = await app.ReadAsync(message.Id);
        Assert.Equal(app.Now, failed.FailedAt);
        Assert.Null(failed.NextAttemptAt);
        Assert.Null(failed.SentAt);

        // Given up: no pass tries it again, however late.
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await app.Delivery.FlushAsync());
        Assert.Equal(OutboxMessage.MaxAttempts, (await app.ReadAsync(message.Id)).Attempts);

        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var page = await coordination.GetHtmlAsync("/admin/courriels");
        Assert.Contains("<h2>En échec (1)</h2>", page, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{to}</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Réinitialisez votre mot de passe – Réseau PARÉ</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>10</td>", page, StringComparison.Ordinal);
        Assert.Contains("serveur de courrier injoignable <code>SocketException</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ouvrez ce lien", page, StringComparison.Ordinal);

        using var retry = await coordination.PostFormAsync("/admin/courriels", new(), $"/admin/courriels?handler=Reessayer&id={message.Id}");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var after = await coordination.GetHtmlAsync(retry.Headers.Location!.OriginalString);
        Assert.Contains("Nouvel essai demandé : le courriel part dans quelques instants.", after, StringComparison.Ordinal);
        Assert.Contains("<h2>En échec (0)</h2>", after, StringComparison.Ordinal);
        var due = await app.ReadAsync(message.Id);
        Assert.Equal((null, 0, app.Now), (due.FailedAt, due.Attempts, due.NextAttemptAt));

        await app.Smtp.StartAsync();
        Assert.Equal(1, await app.Delivery.FlushAsync());
        Assert.Single(app.Smtp.ReceivedWith([message.MessageId]));
        Assert.Equal(0, await app.Delivery.FlushAsync());
    }
}
