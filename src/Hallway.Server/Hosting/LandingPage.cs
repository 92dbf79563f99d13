namespace Hallway.Server.Hosting;

/// <summary>What / shows until the web client is built into the server.</summary>
internal static class LandingPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hallway</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
        <h1>Hallway</h1>
        <p>The server is running. The API is described at <a href="/openapi/v1.json">/openapi/v1.json</a>;
        the real-time protocol is at <code>/ws</code>.</p>
        </body>
        </html>
        """;
}
