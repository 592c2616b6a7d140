namespace PareNetwork.Web.Data.Seeding;

/// <summary>A seed file is malformed; the message names the file, the line and the field, in French.</summary>
public sealed class SeedDataException : Exception
{
    public SeedDataException(string file, long line, string field, string problem)
        : base($"{file}, ligne {line}, champ « {field} » : {problem}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    public SeedDataException(string message) : base(message)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    public SeedDataException()
    {
        File = string.Empty;
        Field = string.Empty;
    }

    public SeedDataException(string message, Exception innerException) : base(message, innerException)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    public string File { get; }

    public long Line { get; }

    public string Field { get; }
}
