using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;

namespace PareNetwork.Web.Pages.Rapports;

/// <summary>The method of the coverage report in French (/rapports/methode): every figure, the score formula and the classes.</summary>
[Authorize(Policy = Roles.Dgcs)]
public sealed class MethodeModel(IOptions<CoverageOptions> options) : PageModel
{
    public double RadiusKm => options.Value.RadiusKm;

    public void OnGet()
    {
    }
}
