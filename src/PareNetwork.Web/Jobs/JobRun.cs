namespace PareNetwork.Web.Jobs;

/// <summary>
/// One run of a background job, kept in the app database (Hangfire's own storage forgets): what ran, when, and what
/// it found. <see cref="Summary"/> holds counts only, never a name or an address.
/// </summary>
public sealed class JobRun
{
    public const int SummaryMaxLength = 1000;

    public long Id { get; private set; }

    /// <summary>The job's id, as registered in <see cref="JobSchedule"/> (e.g. "fraicheur").</summary>
    public string Job { get; private set; } = "";

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public bool Succeeded { get; private set; }

    /// <summary>What the run found or did, in French, for the coordination (e.g. « 3 rappels envoyés »).</summary>
    public string Summary { get; private set; } = "";

    public static JobRun Start(string job, DateTime at) => new() { Job = job, StartedAt = at };

    public void Succeed(DateTime at, string summary)
    {
        FinishedAt = at;
        Succeeded = true;
        Summary = Truncate(summary);
    }

    /// <summary>The exception's type only: messages often quote the data the job was working on.</summary>
    public void Fail(DateTime at, Exception exception)
    {
        FinishedAt = at;
        Succeeded = false;
        Summary = Truncate($"Échec : {exception.GetType().Name}");
    }

    private static string Truncate(string text) => text.Length <= SummaryMaxLength ? text : text[..SummaryMaxLength];
}
