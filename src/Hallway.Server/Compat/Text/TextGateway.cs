namespace Hallway.Server.Compat.Text;

/// <summary>
/// Wires the async_chat text gateway into the server: the TCP listener and the /text WebSocket and
/// page. With Hallway:Text:Enabled=false none of it exists.
/// </summary>
public static class TextGateway
{
    public static void AddTextGateway(this IServiceCollection services, TextGatewayOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        services.AddSingleton(options);
        services.AddSingleton<GuestBudget>();
        services.AddSingleton<TextRoom>();
        services.AddSingleton<TextListener>();
        services.AddHostedService(sp => sp.GetRequiredService<TextListener>());
    }

    public static void MapTextGateway(this WebApplication app)
    {
        if (app.Services.GetService<TextRoom>() is not { } room)
        {
            return;
        }

        // Connections that have not logged in are not the hub's: close them too when stopping.
        app.Lifetime.ApplicationStopping.Register(room.CloseAll);
        app.MapTextEndpoint();
    }
}
