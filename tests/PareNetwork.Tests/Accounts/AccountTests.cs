using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Accounts;

/// <summary>Sign-up, confirmation, sign-in, lockout and reset, through the real pages, with e-mails read from the pickup folder.</summary>
[Collection(SeededAppCollection.Name)]
public partial class AccountTests(SeededApp app)
{
    private const string GoodPassword = "lanterne-verger-rivière-42";

    private HttpClient NewClient() => app.Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        // The session cookie is Secure outside Development: the test client speaks HTTPS, production is not weakened.
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
    });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        using var get = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await get.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    private async Task<MimeMessage> SingleMailToAsync(string to)
    {
        await app.Service<OutboxDelivery>().FlushAsync();
        var folder = app.Service<PickupFolder>().Path;
        var messages = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to)).ToList();
        return Assert.Single(messages);
    }

    private static string LinkIn(MimeMessage message) => LinkPattern().Match(message.TextBody ?? "").Value;

    [Fact]
    public async Task Sign_up_confirm_by_post_only_then_sign_in()
    {
        var email = $"inscription-{Guid.NewGuid():N}@exemple.org";
        using var client = NewClient();

        using var signUp = await PostFormAsync(client, "/inscription", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);

        var mail = await SingleMailToAsync(email);
        Assert.Equal("Confirmez votre adresse – Réseau PARÉ", mail.Subject);
        var link = new Uri(LinkIn(mail));
        Assert.Equal("/confirmer-courriel", link.AbsolutePath);

        // Opening the link (a mail scanner does) confirms nothing.
        using var opened = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Contains(">Confirmer</button>", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var scope = app.Factory.Services.CreateScope())
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>().FindByEmailAsync(email))!.EmailConfirmed);
        }
        using var beforeConfirmation = await PostFormAsync(client, "/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });
        Assert.Equal(HttpStatusCode.OK, beforeConfirmation.StatusCode);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        using var confirmed = await PostFormAsync(client, link.PathAndQuery,
            new() { ["utilisateur"] = query["utilisateur"]!, ["jeton"] = query["jeton"]! });
        Assert.Contains("Votre adresse est confirmée", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signIn = await PostFormAsync(client, "/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pare.session=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("secure", StringComparison.OrdinalIgnoreCase)
            && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));

        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains($"Connecté : {email}", WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_up_again_with_an_unconfirmed_address_sends_the_link_again()
    {
        var email = $"relance-{Guid.NewGuid():N}@exemple.org";
        using var client = NewClient();
        using var first = await PostFormAsync(client, "/inscription", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });
        await SingleMailToAsync(email);

        using var again = await PostFormAsync(client, "/inscription", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });

        await app.Service<OutboxDelivery>().FlushAsync();
        var folder = app.Service<PickupFolder>().Path;
        var confirmations = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Count(m => m.To.Mailboxes.Any(x => x.Address == email));
        Assert.Equal(2, confirmations);
    }

    [Fact]
    public async Task Stored_hashes_use_at_least_210000_pbkdf2_iterations()
    {
        var email = $"hash-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Dgcs, GoodPassword);
        }

        using var connection = app.Factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PasswordHash FROM AspNetUsers WHERE Email = $email";
        command.Parameters.AddWithValue("$email", email);
        var hash = Convert.FromBase64String((string)command.ExecuteScalar()!);

        // Identity v3 format: 0x01, PRF (1 = HMAC-SHA256, 2 = HMAC-SHA512), iteration count, salt length: big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1, 4)));
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)));
    }

    [Theory]
    [InlineData("motdepasse123")]
    [InlineData("password1234")]
    [InlineData("azertyuiop123")]
    [InlineData("111111111111")]
    public async Task Common_passwords_are_refused_even_when_long_enough(string password)
    {
        using var client = NewClient();
        using var response = await PostFormAsync(client, "/inscription", new() { ["Input.Email"] = $"courant-{Guid.NewGuid():N}@exemple.org", ["Input.Password"] = password });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ce mot de passe est trop courant ou trop facile à deviner.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_password_gets_a_french_message_and_the_email_is_kept()
    {
        using var client = NewClient();
        using var response = await PostFormAsync(client, "/inscription", new() { ["Input.Email"] = "garde@exemple.org", ["Input.Password"] = "court" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Le mot de passe doit compter au moins 12 caractères.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"garde@exemple.org\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var email = $"verrou-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, GoodPassword);
        }
        using var client = NewClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await PostFormAsync(client, "/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = "pas-le-bon-mot-de-passe" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var locked = await PostFormAsync(client, "/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = GoodPassword });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("ce compte est bloqué pendant 15 minutes", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_once_through_the_mailed_link()
    {
        var email = $"oubli-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, GoodPassword);
        }
        using var client = NewClient();
        using var asked = await PostFormAsync(client, "/mot-de-passe-oublie", new() { ["Input.Email"] = email });
        var link = new Uri(LinkIn(await SingleMailToAsync(email)));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var fields = new Dictionary<string, string> { ["utilisateur"] = query["utilisateur"]!, ["jeton"] = query["jeton"]!, ["Input.Password"] = "nouvelle-phrase-du-printemps-7" };

        using var reset = await PostFormAsync(client, link.PathAndQuery, new(fields));
        Assert.Contains("Votre mot de passe a été changé.", WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var again = await PostFormAsync(client, link.PathAndQuery, new(fields));
        Assert.Contains("Ce lien n'est plus valable", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var signIn = await PostFormAsync(client, "/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = "nouvelle-phrase-du-printemps-7" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_the_link_of_an_email()
    {
        var email = $"hote-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, GoodPassword);
        }
        using var client = NewClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        using var asked = await PostFormAsync(client, "/mot-de-passe-oublie", new() { ["Input.Email"] = email });

        Assert.StartsWith("https://localhost/reinitialiser-mot-de-passe?", LinkIn(await SingleMailToAsync(email)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_flush_sends_nothing_more()
    {
        await app.Service<OutboxDelivery>().FlushAsync();
        Assert.Equal(0, await app.Service<OutboxDelivery>().FlushAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
