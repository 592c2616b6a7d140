namespace PareNetwork.Web.History;

/// <summary>Through what a change reached a structure. Stored by name: never rename a member, add one.</summary>
public enum ChangeChannel
{
    /// <summary>A person in the web app: a member in their space, the coordination in the back office.</summary>
    Web,

    /// <summary>A CSV import by the coordination.</summary>
    Import,

    /// <summary>An update campaign (structures asked to confirm or correct their record).</summary>
    Campagne,

    /// <summary>A background job.</summary>
    Job,

    /// <summary>The seeding of data-seed/ at start.</summary>
    Seed,

    /// <summary>The restoration of a previous value from the history.</summary>
    Restauration,
}
