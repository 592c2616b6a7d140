namespace PareNetwork.Web.History;

public static class HistoryExtensions
{
    /// <summary>
    /// The change author of each unit of work and the interceptor that records structure history and invalidates the
    /// catalogue; the DbContext registration adds the interceptor (<c>options.AddInterceptors(…)</c>).
    /// </summary>
    public static IServiceCollection AddStructureHistory(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ChangeAuthor>();
        services.AddScoped<IChangeContext>(provider => provider.GetRequiredService<ChangeAuthor>());
        services.AddScoped<StructureHistoryInterceptor>();
        return services;
    }
}
