namespace PareNetwork.Web.Data.Seeding;

/// <summary>
/// Every structure key the seeder has ever read: a structure merged or deleted by the coordination does not come
/// back at the next start just because data-seed/structures.csv still lists it.
/// </summary>
public class SeedKey
{
    public required string Key { get; init; }

    public DateTime FirstSeenAt { get; init; }
}
