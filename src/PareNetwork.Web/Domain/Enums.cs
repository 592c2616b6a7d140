namespace PareNetwork.Web.Domain;

public enum StructureAction
{
    Prevention,
    Reperage,
    EcouteOrientation,
    AccompagnementEducatif,
    Hebergement,
    Soins,
    Juridique,
    Formation,
    SoutienParents,
    PairAidance,
    Coordination,
    Signalement,
}

public enum StructurePublic
{
    MineursVictimes,
    Jeunes,
    Parents,
    Professionnels,
    Auteurs,
}

public enum StructureNature
{
    Association,
    Fondation,
    ServicePublic,
    Etablissement,
    Police,
    LigneEcoute,
}

public enum Scope
{
    Locale,
    Departementale,
    Regionale,
    Nationale,
}

public enum LocationPrecision
{
    Adresse,
    Commune,
    Departement,
}

public enum AddressVisibility
{
    Publique,
    Confidentielle,
}

public enum StructureStatus
{
    EnAttente,
    Publiee,
    Archivee,
    Refusee,
    Fusionnee,
}
