using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>Photos, files, stickers, emoji and avatars, as two people in two browsers see them.</summary>
public abstract class AttachmentTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>A small limit, so the oversized-upload test needs no 20 MiB file.</summary>
    private const int MaxFileSize = 64 * 1024;

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { [MaxFileSizeSetting] = MaxFileSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string MaxFileSizeSetting = "Hallway:Files:MaxUploadBytes";

    /// <summary>A PNG drawn by the page's own canvas: a sunny sky over a green field.</summary>
    private static async Task<byte[]> DrawPngAsync(IPage page, int width, int height)
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            ([w, h]) => {
              const c = document.createElement("canvas");
              c.width = w; c.height = h;
              const g = c.getContext("2d");
              g.fillStyle = "#8fd0ff"; g.fillRect(0, 0, w, h);
              g.fillStyle = "#5cb85c"; g.fillRect(0, h * 0.65, w, h * 0.35);
              g.fillStyle = "#ffcc33"; g.beginPath(); g.arc(w * 0.75, h * 0.3, h * 0.15, 0, Math.PI * 2); g.fill();
              return c.toDataURL("image/png").split(",")[1];
            }
            """,
            new[] { width, height });
        return Convert.FromBase64String(base64);
    }

    private static Task WaitForLoadedImageAsync(ILocator image) =>
        image.EvaluateAsync("img => img.complete && img.naturalWidth > 0 ? true : new Promise((ok, fail) => { img.addEventListener('load', () => ok(true)); img.addEventListener('error', () => fail(new Error('image failed: ' + img.src))); })");

    private static Task AttachAsync(Person person, params FilePayload[] files) =>
        person.Page.Locator("[data-testid=attach-input]").SetInputFilesAsync(files);

    [Fact]
    public async Task PhotoFileStickerAndAvatar_ReachTheOtherPersonLive()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "f");
        await using var a = alice;
        await using var b = bob;

        // A photo with a caption: the chip shows it, then Bob sees the thumbnail load, live.
        var png = await DrawPngAsync(alice.Page, 640, 400);
        await AttachAsync(alice, new FilePayload { Name = "field.png", MimeType = "image/png", Buffer = png });
        await alice.Page.Locator(".pending-file .pending-thumb").WaitForAsync();
        await alice.SendAsync("our field today");
        var photo = bob.Bubble("our field today").Locator(".attachment-image img");
        await photo.WaitForAsync();
        await WaitForLoadedImageAsync(photo);
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0);

        // The thumbnail reserves the photo's shape (640×400) before it loads: no layout jump.
        var box = await bob.Bubble("our field today").Locator(".attachment-image").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width / box.Height, 1.5, 1.7);

        // Bob opens it full size and closes it with Escape.
        await bob.Bubble("our field today").Locator(".attachment-image").ClickAsync();
        var viewer = bob.Page.Locator("dialog.image-viewer img");
        await WaitForLoadedImageAsync(viewer);
        Assert.Equal(640, await viewer.EvaluateAsync<int>("img => img.naturalWidth"));
        await bob.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(bob.Page.Locator("dialog.image-viewer")).ToHaveCountAsync(0);

        // A plain file: Bob gets a download row with its name and size.
        await AttachAsync(alice, new FilePayload { Name = "homework.txt", MimeType = "text/plain", Buffer = "Read chapter 4."u8.ToArray() });
        await alice.Page.Locator(".pending-file.done").WaitForAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var download = bob.Page.GetByRole(AriaRole.Link, new() { Name = "Download homework.txt" });
        await download.WaitForAsync();
        Assert.Matches("^/api/files/\\d+$", await download.GetAttributeAsync("href"));
        Assert.Equal("Read chapter 4.", await bob.Page.EvaluateAsync<string>("async href => (await fetch(href)).text()", await download.GetAttributeAsync("href")));

        // Emoji go into the text at the caret; a built-in sticker is sent from the picker.
        await alice.Page.GetByLabel("Write a message…").FillAsync("hi ");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "😀" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByLabel("Write a message…")).ToHaveValueAsync("hi 😀");
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Stickers" }).ClickAsync();
        await WaitForLoadedImageAsync(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sticker: party" }).Locator("img"));
        await alice.ScreenshotAsync("attachments-picker");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sticker: party" }).ClickAsync();
        var sticker = bob.Page.Locator(".bubble.sticker-bubble img.sticker[alt='Sticker: party']");
        await sticker.WaitForAsync();
        await WaitForLoadedImageAsync(sticker);
        await bob.ChatRow("Sticker").WaitForAsync();
        await alice.Page.GetByLabel("Write a message…").FillAsync("");

        // A custom sticker from her own picture: added in the picker, sent, seen by Bob, removed.
        // A file that is not a picture is refused in the picker and adds nothing.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Stickers" }).ClickAsync();
        var addSticker = alice.Page.Locator(".picker input[type=file]");
        await addSticker.SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "no picture"u8.ToArray() });
        await alice.Page.Locator(".picker [role=status]", new() { HasText = "Choose a picture: PNG, JPEG, GIF or WebP." }).WaitForAsync();
        Assert.Equal(0, await alice.Page.Locator(".custom-sticker").CountAsync());
        await addSticker.SetInputFilesAsync(new FilePayload { Name = "sun.png", MimeType = "image/png", Buffer = await DrawPngAsync(alice.Page, 200, 200) });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sticker: sun.png" }).ClickAsync();
        var custom = bob.Page.Locator(".bubble.sticker-bubble img.sticker[alt='Sticker']");
        await custom.WaitForAsync();
        await WaitForLoadedImageAsync(custom);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Remove sticker sun.png" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator(".custom-sticker")).ToHaveCountAsync(0);
        await alice.Page.Keyboard.PressAsync("Escape");

        // Escape closes the picker.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Emoji" }).WaitForAsync();
        await alice.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(alice.Page.Locator(".picker")).ToHaveCountAsync(0);

        await WaitForLoadedImageAsync(alice.Bubble("our field today").Locator(".attachment-image img"));
        await alice.ScreenshotAsync("attachments-light");
        await alice.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await alice.ScreenshotAsync("attachments-dark");
        await alice.Page.SetViewportSizeAsync(390, 760);
        await alice.ScreenshotAsync("attachments-phone-dark");
        await alice.Page.SetViewportSizeAsync(1200, 760);
        await alice.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        // Alice sets a photo in Settings; Bob sees it in the conversation header.
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await alice.Page.Locator("[data-testid=avatar-input]").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = await DrawPngAsync(alice.Page, 500, 300) });
        await WaitForLoadedImageAsync(alice.Page.Locator(".avatar-picker .avatar-photo"));
        await alice.ScreenshotAsync("attachments-settings-avatar");
        var avatar = bob.Page.Locator(".conversation-header .avatar-photo");
        await avatar.WaitForAsync();
        await WaitForLoadedImageAsync(avatar);
        // Cropped square and at most 256 px, in the browser.
        Assert.Equal(256, await avatar.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.Equal(256, await avatar.EvaluateAsync<int>("img => img.naturalHeight"));
        await bob.ScreenshotAsync("attachments-bob");

        // And removes it again: initials come back.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Remove photo" }).ClickAsync();
        await Assertions.Expect(bob.Page.Locator(".conversation-header .avatar-photo")).ToHaveCountAsync(0);

        Assert.Empty(alice.ForeignRequests);
        Assert.Empty(bob.ForeignRequests);
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task PastedAndDroppedPictures_AreSentTogetherInOneMessage()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "f");
        await using var a = alice;
        await using var b = bob;

        // A picture pasted into the message box, then one dropped on the conversation (the events a
        // browser fires for a clipboard paste and a file drop, with real File objects).
        const string MakeFile =
            """
            (name) => new Promise(ok => {
              const c = document.createElement("canvas"); c.width = 300; c.height = 200;
              const g = c.getContext("2d"); g.fillStyle = name.startsWith("pasted") ? "#e94f64" : "#3c7be0"; g.fillRect(0, 0, 300, 200);
              c.toBlob(blob => { const dt = new DataTransfer(); dt.items.add(new File([blob], name, { type: "image/png" })); ok(dt); }, "image/png");
            })
            """;
        var pasted = await alice.Page.EvaluateHandleAsync(MakeFile, "pasted.png");
        await alice.Page.GetByLabel("Write a message…").EvaluateAsync("(box, dt) => box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))", pasted);
        var dropped = await alice.Page.EvaluateHandleAsync(MakeFile, "dropped.png");
        await alice.Page.DispatchEventAsync(".messages", "dragover", new { dataTransfer = dropped });
        await alice.Page.Locator(".drop-hint").WaitForAsync();
        await alice.Page.DispatchEventAsync(".messages", "drop", new { dataTransfer = dropped });
        await Assertions.Expect(alice.Page.Locator(".pending-file")).ToHaveCountAsync(2);
        await Assertions.Expect(alice.Page.Locator(".drop-hint")).ToHaveCountAsync(0);

        // No caption: the message is just the two pictures, and the chat list says "Photo".
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(bob.Page.Locator(".bubble .attachment-image img")).ToHaveCountAsync(2);
        await Assertions.Expect(bob.Page.Locator(".bubble .attachment-image img").First).ToHaveAttributeAsync("alt", "pasted.png");
        await Assertions.Expect(bob.Page.Locator(".bubble .attachment-image img").Last).ToHaveAttributeAsync("alt", "dropped.png");
        await bob.ChatRow("Photo").WaitForAsync();
        await Assertions.Expect(alice.Page.Locator(".pending-file")).ToHaveCountAsync(0);
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task AGroupPhoto_ShowsInTheMembersChatListAndHeader()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "f");
        await using var a = alice;
        await using var b = bob;

        // Alice makes a group with Bob and gives it a photo (the calls AvatarPicker makes for groups).
        var bobId = await bob.Page.EvaluateAsync<long>("async () => (await (await fetch('/api/me')).json()).id");
        var png = await DrawPngAsync(alice.Page, 256, 256);
        var status = await alice.Page.EvaluateAsync<int>(
            """
            async ([bobId, base64]) => {
              const json = { "Content-Type": "application/json" };
              const group = await (await fetch("/api/chats", { method: "POST", headers: json, body: JSON.stringify({ kind: "group", title: "Book club", description: "", memberIds: [bobId] }) })).json();
              const form = new FormData();
              form.append("file", new Blob([Uint8Array.from(atob(base64), c => c.charCodeAt(0))], { type: "image/png" }), "club.png");
              const file = await (await fetch("/api/files", { method: "POST", body: form })).json();
              return (await fetch(`/api/chats/${group.chat.id}/avatar`, { method: "PUT", headers: json, body: JSON.stringify({ fileId: file.id }) })).status;
            }
            """,
            new object[] { bobId, Convert.ToBase64String(png) });
        Assert.Equal(200, status);

        var rowPhoto = bob.ChatRow("Book club").Locator(".avatar-photo");
        await rowPhoto.WaitForAsync();
        await WaitForLoadedImageAsync(rowPhoto);
        await bob.ChatRow("Book club").ClickAsync();
        await WaitForLoadedImageAsync(bob.Page.Locator(".conversation-header .avatar-photo"));
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task OversizedUpload_ShowsTheErrorAndSendsNothing()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "f");
        await using var a = alice;
        await using var b = bob;

        await AttachAsync(alice, new FilePayload { Name = "huge.bin", MimeType = "application/octet-stream", Buffer = new byte[MaxFileSize + 1] });
        await alice.Page.Locator(".pending-file.error", new() { HasText = "This file is too large to send." }).WaitForAsync();
        await alice.Page.GetByLabel("Write a message…").FillAsync("with the big file");
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeDisabledAsync();
        await alice.Page.Keyboard.PressAsync("Enter");

        // Removing the failed file lets the text go alone; Bob gets exactly that, and nothing else.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Remove huge.bin" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await bob.Bubble("with the big file").WaitForAsync();
        Assert.Equal(0, await bob.Page.Locator(".attachment-file, .attachment-image").CountAsync());
        Assert.Equal(2, await bob.Page.Locator(".bubble").CountAsync());

        // A corrupt image named .png is stored as a plain file (the server goes by the bytes).
        await AttachAsync(alice, new FilePayload { Name = "broken.png", MimeType = "image/png", Buffer = "not a png at all"u8.ToArray() });
        await alice.Page.Locator(".pending-file.done").WaitForAsync();
        await alice.Page.Keyboard.PressAsync("Enter");
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Download broken.png" }).WaitForAsync();

        // Not a picture as an avatar: refused with the reason, and the initials stay.
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await alice.Page.Locator("[data-testid=avatar-input]").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = "not a png at all"u8.ToArray() });
        await alice.Page.Locator(".avatar-picker [role=status]", new() { HasText = "Choose a picture: PNG, JPEG, GIF or WebP." }).WaitForAsync();
        Assert.Equal(0, await alice.Page.Locator(".avatar-photo").CountAsync());
        Assert.Null(await alice.Page.EvaluateAsync<long?>("async () => (await (await fetch('/api/me')).json()).avatarId"));
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }
}

public sealed class AttachmentTestsOnLocalhost(LocalhostBrowser browser) : AttachmentTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class AttachmentTestsOnLan(LanBrowser browser) : AttachmentTests(browser), IClassFixture<LanBrowser>;
