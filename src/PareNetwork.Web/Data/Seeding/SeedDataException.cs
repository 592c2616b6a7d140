namespace PareNetwork.Web.Data.Seeding;

/// <summary>A seed file is malformed; the message names the file, the line and the field, in French.</summary>
public sealed class SeedDataException : Exception
{
    public SeedDataException(string file, long line, string field, string problem)
        : base($"{file}, ligne {line}, champ « {field} » : {problem}")
    {
    }

    public SeedDataException(string message) : base(message)
    {
    }

    public SeedDataException()
    {
    }

    public SeedDataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
