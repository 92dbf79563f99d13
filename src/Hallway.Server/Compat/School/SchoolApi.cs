namespace Hallway.Server.Compat.School;

/// <summary>Wires the school LAN messenger's API into the server.</summary>
public static class SchoolApi
{
    public static void AddSchoolApi(this IServiceCollection services, SchoolApiOptions options)
    {
        _ = services;
        _ = options;
    }

    public static void MapSchoolApi(this WebApplication app) => _ = app;
}
