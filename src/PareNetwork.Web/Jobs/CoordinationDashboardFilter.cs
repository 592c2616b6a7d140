using Hangfire.Dashboard;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Web.Jobs;

/// <summary>
/// The dashboard's own gate: the Coordination role of the signed-in user, whatever the request's origin. Hangfire's
/// default filter lets in any local request, including what a reverse proxy on the same host forwards.
/// </summary>
public sealed class CoordinationDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(Roles.Coordination);
}
