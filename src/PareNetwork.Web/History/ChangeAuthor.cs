using System.Security.Claims;

namespace PareNetwork.Web.History;

/// <summary>
/// The scoped <see cref="IChangeContext"/>. By default: channel Web, and the signed-in user of the current request
/// (their id from <see cref="ClaimTypes.NameIdentifier"/>, their label from the <see cref="PseudonymClaimType"/> claim),
/// else « système ». Imports, jobs and seeding say who they are for a block of work:
/// <c>using (changeAuthor.Use(ChangeChannel.Import, userId, label)) { … }</c>.
/// </summary>
public sealed class ChangeAuthor(IHttpContextAccessor? httpContextAccessor = null) : IChangeContext
{
    /// <summary>The claim holding the user's pseudonym (« Coordination #3 »); the sign-in should add it.</summary>
    public const string PseudonymClaimType = "pare:pseudonyme";

    public const string SystemLabel = "système";

    /// <summary>The label of the seeding of data-seed/ at start.</summary>
    public const string SeedLabel = "données initiales";

    private Frame? _current;

    public ChangeChannel Channel => _current?.Channel ?? ChangeChannel.Web;

    public string? AuthorId => _current is { } frame ? frame.AuthorId : User is { } user ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string AuthorLabel => _current?.AuthorLabel ?? (User is { } user ? LabelOf(user) : SystemLabel);

    /// <summary>Until the result is disposed, changes are recorded as made by this author through this channel; uses nest.</summary>
    public IDisposable Use(ChangeChannel channel, string? authorId, string authorLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorLabel);
        _current = new Frame(_current, channel, authorId, authorLabel);
        return new Lease(this, _current);
    }

    /// <summary>Changes the channel only, keeping the current author (a coordinator's import, a restoration).</summary>
    public IDisposable Use(ChangeChannel channel) => Use(channel, AuthorId, AuthorLabel);

    private ClaimsPrincipal? User =>
        httpContextAccessor?.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    /// <summary>The pseudonym, else the account id: never the name or e-mail address, which must not outlive the account.</summary>
    private static string LabelOf(ClaimsPrincipal user) =>
        user.FindFirstValue(PseudonymClaimType) is { Length: > 0 } pseudonym ? pseudonym
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? "compte " + id
        : "utilisateur";

    private sealed record Frame(Frame? Previous, ChangeChannel Channel, string? AuthorId, string AuthorLabel);

    private sealed class Lease(ChangeAuthor owner, Frame frame) : IDisposable
    {
        /// <summary>Ends this use and any use begun inside it and not ended; a second call does nothing.</summary>
        public void Dispose()
        {
            for (var current = owner._current; current is not null; current = current.Previous)
            {
                if (ReferenceEquals(current, frame))
                {
                    owner._current = frame.Previous;
                    return;
                }
            }
        }
    }
}
