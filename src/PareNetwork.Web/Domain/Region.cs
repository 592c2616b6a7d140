namespace PareNetwork.Web.Domain;

public class Region
{
    public required string Code { get; init; }

    public required string Name { get; set; }

    public List<Departement> Departements { get; init; } = [];
}
