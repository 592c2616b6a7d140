namespace PareNetwork.Web.History;

/// <summary>Who writes in the current unit of work, and through what; read by the history at every save.</summary>
public interface IChangeContext
{
    ChangeChannel Channel { get; }

    /// <summary>The user id, or null for the system.</summary>
    string? AuthorId { get; }

    /// <summary>The pseudonym recorded in the history, never an e-mail address or a name.</summary>
    string AuthorLabel { get; }
}
