using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Mail;

public sealed class OutboxMessageTests
{
    private static readonly DateTime Written = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage NewMessage() => new() { To = "a@exemple.org", Subject = "Objet", TextBody = "Corps", CreatedAt = Written };

    private static bool IsDue(OutboxMessage message, DateTime at) => OutboxMessage.DueAt(at).Compile()(message);

    [Fact]
    public void The_backoff_doubles_from_one_minute_up_to_four_hours()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240],
            Enumerable.Range(1, 11).Select(n => OutboxMessage.RetryDelay(n).TotalMinutes));
    }

    [Fact]
    public void A_failure_makes_the_message_due_again_after_its_delay_and_the_tenth_gives_it_up()
    {
        var message = NewMessage();
        Assert.True(IsDue(message, Written));

        message.MarkFailed("SocketException", Written);
        Assert.Equal(Written.AddMinutes(1), message.NextAttemptAt);
        Assert.False(IsDue(message, Written.AddSeconds(59)));
        Assert.True(IsDue(message, Written.AddMinutes(1)));

        for (var i = 2; i <= OutboxMessage.MaxAttempts; i++)
        {
            message.MarkFailed("SmtpCommandException", Written);
        }
        Assert.Equal((10, "SmtpCommandException", (DateTime?)Written, (DateTime?)null), (message.Attempts, message.LastError, message.FailedAt, message.NextAttemptAt));
        Assert.True(message.IsFailed);
        Assert.False(IsDue(message, Written.AddYears(1)));
    }

    [Fact]
    public void Retry_resets_the_backoff_of_a_message_not_sent_and_refuses_a_sent_one()
    {
        var message = NewMessage();
        for (var i = 1; i <= OutboxMessage.MaxAttempts; i++)
        {
            message.MarkFailed("SocketException", Written);
        }
        var later = Written.AddDays(1);
        Assert.True(message.Retry(later));
        Assert.Equal((0, (DateTime?)null, (DateTime?)later), (message.Attempts, message.FailedAt, message.NextAttemptAt));
        Assert.True(IsDue(message, later));

        message.MarkFailed("SocketException", later);
        Assert.Equal(later.AddMinutes(1), message.NextAttemptAt);

        message.MarkSent(later.AddMinutes(1));
        Assert.False(message.Retry(later.AddMinutes(2)));
        Assert.Equal(later.AddMinutes(1), message.SentAt);
        Assert.False(IsDue(message, later.AddDays(1)));
    }
}
