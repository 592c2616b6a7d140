using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Pages.Agenda;

[OutputCache(PolicyName = PublicationCaching.PolicyName)]
public class IndexModel(GeoReference geo, PublicationCatalog catalog, TimeProvider time) : AgendaPage(geo, catalog, time)
{
    public override bool IsArchive => false;
}
