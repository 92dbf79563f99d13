using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Messages;

namespace Hallway.Cli.Admin;

/// <summary>
/// <c>hallway admin export CHAT_ID</c>: a chat's whole history as JSON (every field, for tools) and
/// as one self-contained HTML page (to read or print), audited as chat.exported.
/// </summary>
internal static class ExportCommand
{
    private static readonly JsonWriterOptions Json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var chat = new Argument<long>("CHAT_ID") { Description = "The chat's id (as in the web app's address /chats/ID, or the admin panel)" };
        var output = new Option<string?>("--out") { Description = "Folder for chat-ID.json and chat-ID.html (default: the working folder)" };
        var data = DataFolder.Option();
        var command = new Command("export", "Write a chat's whole history as JSON and HTML (recorded in the audit log).") { chat, output, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), async host =>
        {
            var export = await host.Get<ModerationService>().ExportChatAsync(Caller.Operator, parse.GetValue(chat));
            var folder = Path.GetFullPath(parse.GetValue(output) ?? ".");
            Directory.CreateDirectory(folder);
            var basePath = Path.Combine(folder, $"chat-{export.Chat.Id}");
            await File.WriteAllBytesAsync(basePath + ".json", JsonFile(export));
            await File.WriteAllTextAsync(basePath + ".html", HtmlPage(export));
            Console.WriteLine($"Exported {export.Messages.Count} messages of '{Title(export)}' to {basePath}.json and {basePath}.html.");
            return 0;
        }));
        return command;
    }

    private static string Title(ChatExport export) =>
        export.Chat.Title.Length > 0 ? export.Chat.Title : string.Join(" & ", export.Members.Select(m => Name(export, m.UserId)));

    private static string Name(ChatExport export, long userId) =>
        export.People.FirstOrDefault(p => p.Id == userId) is { } user ? $"{user.DisplayName} (@{user.Username})" : $"user {userId}";

    private static byte[] JsonFile(ChatExport export)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Json))
        {
            json.WriteStartObject();
            json.WriteNumber("id", export.Chat.Id);
            json.WriteString("kind", export.Chat.Kind.ToString().ToLowerInvariant());
            json.WriteString("title", export.Chat.Title);
            json.WriteString("exportedAt", DateTimeOffset.UtcNow);
            json.WriteStartArray("members");
            foreach (var member in export.Members)
            {
                json.WriteStartObject();
                json.WriteNumber("userId", member.UserId);
                json.WriteString("role", member.Role.ToString().ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("people");
            foreach (var person in export.People)
            {
                json.WriteStartObject();
                json.WriteNumber("id", person.Id);
                json.WriteString("username", person.Username);
                json.WriteString("displayName", person.DisplayName);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("messages");
            foreach (var message in export.Messages)
            {
                json.WriteRawValue(JsonSerializer.Serialize(message, Core.Common.CoreJsonContext.Default.Message));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string HtmlPage(ChatExport export)
    {
        var html = new StringBuilder();
        var title = WebUtility.HtmlEncode(Title(export));
        html.Append("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n")
            .Append("<style>body{font:15px/1.45 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}")
            .Append(".m{margin:0 0 .8rem}.h{color:#555;font-size:.85em}.t{white-space:pre-wrap;overflow-wrap:anywhere}.d{color:#888;font-style:italic}</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(title).Append("</h1>\n<p class=\"h\">")
            .Append(export.Messages.Count.ToString(CultureInfo.InvariantCulture)).Append(" messages · exported ")
            .Append(DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append("</p>\n");
        foreach (var message in export.Messages)
        {
            html.Append("<div class=\"m\"><div class=\"h\">").Append(WebUtility.HtmlEncode(Name(export, message.SenderId))).Append(" · ")
                .Append(message.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Append(message.EditedAt is null ? string.Empty : " · edited").Append("</div>");
            html.Append(message.Deleted ? "<div class=\"d\">(deleted)</div>" : $"<div class=\"t\">{WebUtility.HtmlEncode(Body(message))}</div>");
            html.Append("</div>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The text (Markdown source, shown as written: an export is a record, not a rendering), sticker and files named.</summary>
    private static string Body(Message message)
    {
        var parts = new List<string>();
        if (message.Text.Length > 0)
        {
            parts.Add(message.Text);
        }

        if (message.Sticker is { } sticker)
        {
            parts.Add($"[sticker {sticker}]");
        }

        parts.AddRange(message.Attachments.Select(a => $"[file {a.Name}]"));
        return string.Join('\n', parts);
    }
}
