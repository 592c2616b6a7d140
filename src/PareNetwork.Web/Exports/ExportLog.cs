namespace PareNetwork.Web.Exports;

/// <summary>An export that held confidential addresses or points: who, when, how many (never what).</summary>
public class ExportLog
{
    public int Id { get; private set; }

    public DateTime At { get; init; }

    public string? UserId { get; init; }

    public required string UserLabel { get; init; }

    public int Rows { get; init; }

    public int ConfidentialRows { get; init; }

    /// <summary>The filter's query string, which holds codes only.</summary>
    public string? Filter { get; init; }
}
