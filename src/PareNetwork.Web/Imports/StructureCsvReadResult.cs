namespace PareNetwork.Web.Imports;

/// <summary>One problem of one row, in French, naming the physical line where the row starts and the column.</summary>
public sealed record StructureCsvError(long Line, string Field, string Problem)
{
    public string Message => $"ligne {Line}, champ « {Field} » : {Problem}";

    public override string ToString() => Message;
}

/// <summary>A data row of the file: its model when it is valid, otherwise every error found in it.</summary>
public sealed record StructureCsvRowResult(long Line, StructureImportRow? Row, IReadOnlyList<StructureCsvError> Errors)
{
    public bool IsValid => Row is not null;
}

/// <summary>Where the reading stands, for a progress bar: rows read so far and the share of the file consumed (0 to 1).</summary>
public readonly record struct StructureCsvProgress(int Rows, double Fraction);

/// <summary>
/// The outcome of reading a file: either a file-level error (unreadable encoding, missing columns, too many
/// rows…) and no rows, or one result per data row, blank rows left out.
/// </summary>
public sealed record StructureCsvReadResult
{
    /// <summary>Why the file as a whole was refused, in French; null when it was read.</summary>
    public string? FileError { get; init; }

    public IReadOnlyList<StructureCsvRowResult> Rows { get; init; } = [];

    /// <summary>How the bytes were decoded: "UTF-8", "UTF-8 avec BOM" or "Windows-1252"; null when refused before.</summary>
    public string? EncodingName { get; init; }

    /// <summary>The separator detected on the header line.</summary>
    public char? Delimiter { get; init; }

    public bool HasErrors => FileError is not null || Rows.Any(r => !r.IsValid);

    public IEnumerable<StructureCsvError> Errors => Rows.SelectMany(r => r.Errors);

    internal static StructureCsvReadResult Refused(string error, string? encodingName = null, char? delimiter = null) =>
        new() { FileError = error, EncodingName = encodingName, Delimiter = delimiter };
}
