using System.Net;
using System.Text;
using Hallway.Server.Auth;

namespace Hallway.Cli.Admin;

/// <summary>One card: who, where, and the first password.</summary>
internal sealed record SignInCard(string Name, string? Class, string Username, string Password);

/// <summary>
/// A printable HTML page of sign-in cards, eight to an A4 sheet, to cut out and hand round: name,
/// class, the server's address with a QR code of its sign-in page (with the username filled in),
/// username and first password. Self-contained (inline SVG and CSS), so it prints with no network.
/// </summary>
internal static class SignInCards
{
    public static string Page(string serverUrl, IEnumerable<SignInCard> cards)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Hallway sign-in cards</title>
            <style>
              @page { size: A4; margin: 10mm; }
              body { margin: 0; font: 11pt/1.35 system-ui, sans-serif; color: #000; background: #fff; }
              .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
              .card { box-sizing: border-box; height: 68mm; padding: 4mm; border: 1px dashed #999; display: flex; gap: 4mm; break-inside: avoid; overflow: hidden; }
              .card svg { width: 30mm; height: 30mm; flex: none; }
              .card > div { min-width: 0; }
              .who { font-size: 12pt; font-weight: 600; margin: 0; }
              .class { color: #444; margin: 0 0 2mm; min-height: 1.35em; }
              dl { margin: 0; }
              dt { color: #444; font-size: 8pt; }
              dd { margin: 0 0 1.5mm; font-family: ui-monospace, monospace; font-size: 11pt; white-space: nowrap; }
              .hint { margin: 1mm 0 0; font-size: 7.5pt; color: #444; }
            </style>
            </head>
            <body>
            <div class="sheet">

            """);
        foreach (var card in cards)
        {
            var signIn = $"{serverUrl.TrimEnd('/')}/login?username={Uri.EscapeDataString(card.Username)}";
            html.Append("<section class=\"card\">");
            html.Append(QrCodes.Svg(signIn));
            html.Append("<div><p class=\"who\">").Append(E(card.Name)).Append("</p>");
            html.Append("<p class=\"class\">").Append(E(card.Class ?? string.Empty)).Append("</p>");
            html.Append("<dl><dt>Address · Адрес</dt><dd>").Append(E(serverUrl)).Append("</dd>");
            html.Append("<dt>Username · Логин</dt><dd>").Append(E(card.Username)).Append("</dd>");
            html.Append("<dt>Password · Пароль</dt><dd>").Append(E(card.Password)).Append("</dd></dl>");
            html.Append("<p class=\"hint\">Scan the code or open the address, sign in, then choose your own password in Settings. · Отсканируйте код или откройте адрес, войдите и смените пароль в настройках.</p>");
            html.Append("</div></section>\n");
        }

        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
