using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Web.BackOffice;

/// <summary>French labels of the history's field codes and channels, for the back office.</summary>
public static class FieldLabels
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [StructureFields.IdExterne] = "Identifiant externe",
        [StructureFields.Nom] = "Nom",
        [StructureFields.Sigle] = "Sigle",
        [StructureFields.Nature] = "Type de structure",
        [StructureFields.Description] = "Présentation",
        [StructureFields.Actions] = "Actions",
        [StructureFields.Publics] = "Publics",
        [StructureFields.Portee] = "Portée",
        [StructureFields.Departements] = "Départements servis",
        [StructureFields.Adresse] = "Adresse",
        [StructureFields.Commune] = "Commune",
        [StructureFields.Point] = "Point",
        [StructureFields.Precision] = "Précision du lieu",
        [StructureFields.Confidentialite] = "Confidentialité",
        [StructureFields.Telephones] = "Téléphones",
        [StructureFields.Email] = "Courriel",
        [StructureFields.SiteWeb] = "Site web",
        [StructureFields.ReseauxSociaux] = "Réseaux sociaux",
        [StructureFields.Horaires] = "Horaires",
        [StructureFields.Statut] = "Statut",
        [StructureFields.Confirmation] = "Date de confirmation",
        [StructureFields.Source] = "Source",
        [StructureFields.ContactPriveEmail] = "Courriel privé",
        [StructureFields.ContactPriveTelephone] = "Téléphone privé",
        [StructureFields.ContactPriveAdresse] = "Adresse privée",
        [StructureFields.FrequenceMiseAJour] = "Fréquence de mise à jour (mois)",
        [StructureFields.ConfirmePar] = "Confirmée par",
        [StructureFields.FusionneeDans] = "Fusionnée dans",
        [StructureFields.DemandeAdressePublique] = "Demande d'adresse publique",
        [StructureFields.DemandeAdressePubliquePar] = "Demande d'adresse publique par",
    };

    public static string Of(string field) => All.GetValueOrDefault(field, field);

    public static readonly IReadOnlyDictionary<ChangeChannel, string> Channels = new Dictionary<ChangeChannel, string>
    {
        [ChangeChannel.Web] = "Web",
        [ChangeChannel.Import] = "Import",
        [ChangeChannel.Campagne] = "Campagne",
        [ChangeChannel.Job] = "Tâche automatique",
        [ChangeChannel.Seed] = "Données initiales",
        [ChangeChannel.Restauration] = "Restauration",
    };

    public static string Of(ChangeChannel channel) => Channels.GetValueOrDefault(channel, channel.ToString());

    public static string Status(StructureStatus status) => Vocabulary.Statuses.Label(status);

    /// <summary>The button of a transition: « Publier », « Archiver »…</summary>
    public static string Transition(StructureStatus target) => target switch
    {
        StructureStatus.Publiee => "Publier",
        StructureStatus.Archivee => "Archiver",
        StructureStatus.Refusee => "Refuser",
        StructureStatus.EnAttente => "Remettre en attente",
        _ => Status(target),
    };
}
