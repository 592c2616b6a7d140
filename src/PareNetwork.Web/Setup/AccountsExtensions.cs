using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Setup;

public static class AccountsExtensions
{
    /// <summary>PBKDF2 iterations for new hashes (HMAC-SHA512, Identity's v3 format): OWASP's figure, above Identity's 100,000.</summary>
    public const int PasswordHashIterations = 210_000;

    public const int MinimumPasswordLength = 12;

    /// <summary>
    /// Identity on the app database: passwords per OWASP ASVS 5 and the CNIL (12 characters at least, no composition
    /// rules, common passwords refused), lockout after repeated failures, cookies HttpOnly and SameSite (Secure outside
    /// Development), sessions that end at sign-out and deactivation, Data Protection keys beside the database.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()
            && !Uri.TryCreate(builder.Configuration[AccountMails.PublicUrlKey], UriKind.Absolute, out _))
        {
            throw new InvalidOperationException(
                $"{AccountMails.PublicUrlKey} (Pare__PublicUrl) must be the site's public address, e.g. https://reseau-pare.fr: the links of e-mails use it.");
        }
        builder.Services
            .AddIdentity<PareUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<PareDbContext>()
            .AddErrorDescriber<FrenchIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager<PareSignInManager>()
            .AddClaimsPrincipalFactory<PareClaimsFactory>()
            .AddDefaultTokenProviders();

        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
        // A link in an e-mail (confirmation, reset) lasts a day.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        // Sign-out, deactivation and role changes renew the security stamp; every signed-in request checks it (a few
        // dozen accounts: one indexed read each), so a session ends at its next request.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pare.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/connexion";
            o.LogoutPath = "/deconnexion";
            o.ReturnUrlParameter = "retour";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => ApiAnswer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = Forbidden;
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);

        builder.Services.AddDataProtection()
            .SetApplicationName("PareNetwork")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(PersistenceExtensions.DataFolder(builder), "keys")));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Coordination, p => p.RequireRole(Roles.Coordination))
            .AddPolicy(Roles.Membre, p => p.RequireRole(Roles.Membre, Roles.Coordination))
            .AddPolicy(Roles.Dgcs, p => p.RequireRole(Roles.Dgcs, Roles.Coordination));

        builder.Services.AddScoped<AccountBootstrap>();
        return builder;
    }

    /// <summary>The roles always; in Development only, one demo account per role, with the password of Demo:Password.</summary>
    public static async Task InitializeAccountsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AccountBootstrap>();
        await bootstrap.EnsureRolesAsync();
        if (app.Environment.IsDevelopment() && app.Configuration["Demo:Password"] is { Length: > 0 } password)
        {
            await bootstrap.EnsureDemoAccountsAsync(password);
        }
        else
        {
            // A database first started in Development keeps no usable account with a published password.
            await bootstrap.DeactivateDemoAccountsAsync();
        }
    }

    /// <summary>
    /// A signed-in person without the role answers 403 in place, on every method: the French error page for a page
    /// (status code pages re-execute it), a problem document for an API — never a redirect a script or a form would follow.
    /// </summary>
    private static Task Forbidden(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>APIs answer 401 with a problem document; pages redirect to the sign-in page.</summary>
    private static Task ApiAnswer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
