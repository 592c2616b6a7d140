using System.Collections.Frozen;

namespace PareNetwork.Web.Domain;

/// <summary>One term of a fixed vocabulary: a stable code (URLs, CSV, API) and its French label.</summary>
public sealed record Term<TEnum>(TEnum Value, string Code, string Label) where TEnum : struct, Enum;

/// <summary>
/// Fixed vocabularies. Codes are part of the public contract (URLs, CSV files, API):
/// never rename one, add a new term instead.
/// </summary>
public static class Vocabulary
{
    public static readonly Terms<StructureAction> Actions = new(
    [
        new(StructureAction.Prevention, "prevention", "Prévention"),
        new(StructureAction.Reperage, "reperage", "Repérage"),
        new(StructureAction.EcouteOrientation, "ecoute-orientation", "Écoute et orientation"),
        new(StructureAction.AccompagnementEducatif, "accompagnement-educatif", "Accompagnement éducatif"),
        new(StructureAction.Hebergement, "hebergement", "Hébergement / mise à l'abri"),
        new(StructureAction.Soins, "soins", "Soins et accompagnement psychologique"),
        new(StructureAction.Juridique, "juridique", "Accompagnement juridique et judiciaire"),
        new(StructureAction.Formation, "formation", "Formation et sensibilisation des professionnels"),
        new(StructureAction.SoutienParents, "soutien-parents", "Soutien aux parents"),
        new(StructureAction.PairAidance, "pair-aidance", "Pair-aidance"),
        new(StructureAction.Coordination, "coordination", "Coordination et animation de réseau"),
        new(StructureAction.Signalement, "signalement", "Signalement et enquête"),
    ]);

    public static readonly Terms<StructurePublic> Publics = new(
    [
        new(StructurePublic.MineursVictimes, "mineurs-victimes", "Mineurs victimes"),
        new(StructurePublic.Jeunes, "jeunes", "Adolescents et jeunes majeurs"),
        new(StructurePublic.Parents, "parents", "Parents et proches"),
        new(StructurePublic.Professionnels, "professionnels", "Professionnels"),
        new(StructurePublic.Auteurs, "auteurs", "Auteurs ou personnes à risque de passage à l'acte"),
    ]);

    public static readonly Terms<StructureNature> Natures = new(
    [
        new(StructureNature.Association, "association", "Association"),
        new(StructureNature.Fondation, "fondation", "Fondation"),
        new(StructureNature.ServicePublic, "service-public", "Service public ou collectivité"),
        new(StructureNature.Etablissement, "etablissement", "Foyer ou service éducatif de l'aide sociale à l'enfance (ASE) ou de la protection judiciaire de la jeunesse (PJJ)"),
        new(StructureNature.Police, "police", "Police / gendarmerie"),
        new(StructureNature.LigneEcoute, "ligne-ecoute", "Ligne d'écoute"),
    ]);

    public static readonly Terms<Scope> Scopes = new(
    [
        new(Scope.Locale, "locale", "Locale"),
        new(Scope.Departementale, "departementale", "Départementale"),
        new(Scope.Regionale, "regionale", "Régionale"),
        new(Scope.Nationale, "nationale", "Nationale"),
    ]);

    public static readonly Terms<LocationPrecision> Precisions = new(
    [
        new(LocationPrecision.Adresse, "adresse", "Adresse"),
        new(LocationPrecision.Commune, "commune", "Commune"),
        new(LocationPrecision.Departement, "departement", "Département"),
    ]);

    /// <summary>The statuses a file or a form may set; « fusionnée » comes only from a merge.</summary>
    public static readonly Terms<StructureStatus> SettableStatuses = new(
    [
        new(StructureStatus.EnAttente, "en-attente", "En attente"),
        new(StructureStatus.Publiee, "publiee", "Publiée"),
        new(StructureStatus.Archivee, "archivee", "Archivée"),
        new(StructureStatus.Refusee, "refusee", "Refusée"),
    ]);

    public static readonly Terms<StructureStatus> Statuses = new(
    [
        new(StructureStatus.EnAttente, "en-attente", "En attente"),
        new(StructureStatus.Publiee, "publiee", "Publiée"),
        new(StructureStatus.Archivee, "archivee", "Archivée"),
        new(StructureStatus.Refusee, "refusee", "Refusée"),
        new(StructureStatus.Fusionnee, "fusionnee", "Fusionnée"),
    ]);
}

public sealed class Terms<TEnum> where TEnum : struct, Enum
{
    private readonly FrozenDictionary<string, Term<TEnum>> _byCode;
    private readonly FrozenDictionary<TEnum, Term<TEnum>> _byValue;

    public Terms(IReadOnlyList<Term<TEnum>> all)
    {
        All = all;
        _byCode = all.ToFrozenDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        _byValue = all.ToFrozenDictionary(t => t.Value);
    }

    public IReadOnlyList<Term<TEnum>> All { get; }

    public string Code(TEnum value) => _byValue[value].Code;

    public string Label(TEnum value) => _byValue[value].Label;

    public bool TryParse(string? code, out TEnum value)
    {
        if (code is not null && _byCode.TryGetValue(code.Trim(), out var term))
        {
            value = term.Value;
            return true;
        }
        value = default;
        return false;
    }

    public string CodeList => string.Join(", ", All.Select(t => t.Code));
}
