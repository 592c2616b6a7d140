using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PareNetwork.Tests.Mail;

/// <summary>
/// A real SMTP server on a loopback port chosen free at construction, down until <see cref="StartAsync"/>: the app
/// is configured with its port from the start, so that a delivery first meets a closed port, then a listening one.
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _running;

    public LoopbackSmtp()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The messages received whose Message-Id is one of <paramref name="messageIds"/>.</summary>
    public List<MimeMessage> ReceivedWith(IEnumerable<string> messageIds)
    {
        var wanted = messageIds.ToHashSet();
        return [.. Received.Where(m => m.MessageId is { } id && wanted.Contains(id))];
    }

    /// <summary>Starts listening and returns once a connection is accepted.</summary>
    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_running is null || _stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is cancelling the server's listening loop.
        }
        _stop.Dispose();
        (_running, _stop) = (null, null);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
