using Microsoft.AspNetCore.Hosting;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Accounts;

public class DemoAccountsTests
{
    [Fact]
    public async Task Development_seeds_one_demo_account_per_role_and_links_the_member_to_a_structure()
    {
        var factory = new PareAppFactory();
        using var development = factory.WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("Demo:Password", "boussole-marronnier-ciel-2026"));
        using var client = development.CreateClient();
        try
        {
            using var connection = factory.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT u.Email, r.Name FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId ORDER BY u.Email;
                """;
            var accounts = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    accounts.Add($"{reader.GetString(0)} {reader.GetString(1)}");
                }
            }
            Assert.Equal(["coordination@demo.pare.test Coordination", "dgcs@demo.pare.test DGCS", "membre@demo.pare.test Membre"], accounts);

            command.CommandText = "SELECT s.ExternalKey FROM StructureMembers m JOIN Structures s ON s.Id = m.StructureId JOIN AspNetUsers u ON u.Id = m.UserId WHERE u.Email = 'membre@demo.pare.test'";
            Assert.Equal("mouvement-du-nid-haut-rhin", command.ExecuteScalar());
        }
        finally
        {
            await factory.DisposeAsync();
            factory.DeleteFolder();
        }
    }

    [Fact]
    public async Task Demo_accounts_of_a_database_first_started_in_development_are_deactivated_elsewhere()
    {
        var development = new PareAppFactory();
        using (var dev = development.WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("Demo:Password", "boussole-marronnier-ciel-2026")))
        using (dev.CreateClient())
        {
        }
        await development.DisposeAsync();
        var testing = new PareAppFactory(folder: development.Folder);
        try
        {
            using (testing.CreateClient())
            {
            }
            using var connection = testing.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE '%@demo.pare.test' AND DeactivatedAt IS NULL";
            Assert.Equal(0L, command.ExecuteScalar());
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE '%@demo.pare.test'";
            Assert.Equal(3L, command.ExecuteScalar());
        }
        finally
        {
            await testing.DisposeAsync();
            testing.DeleteFolder();
        }
    }

    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_without_its_public_address()
    {
        var factory = new PareAppFactory();
        try
        {
            using var withoutUrl = factory.WithWebHostBuilder(b => b.UseSetting("Pare:PublicUrl", ""));
            var error = Assert.Throws<InvalidOperationException>(() => withoutUrl.CreateClient());
            Assert.StartsWith("Pare:PublicUrl (Pare__PublicUrl) must be the site's public address", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await factory.DisposeAsync();
            factory.DeleteFolder();
        }
    }

    [Fact]
    public async Task No_account_exists_by_default_outside_development()
    {
        var factory = new PareAppFactory();
        using var client = factory.CreateClient();
        try
        {
            using var connection = factory.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
            Assert.Equal(0L, command.ExecuteScalar());
        }
        finally
        {
            await factory.DisposeAsync();
            factory.DeleteFolder();
        }
    }
}
