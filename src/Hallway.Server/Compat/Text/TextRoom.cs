using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Messages;
using Hallway.Core.Storage;
using Hallway.Server.Realtime;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// The text gateway's chat room: every open connection (for the connection limits and shutdown),
/// the logged-in ones in login order (for the login and logout lines), the names in use, and the
/// order in which people came online on any transport (for <c>userlist</c>). Also turns Hallway's
/// message events into async_chat lines.
/// </summary>
public sealed partial class TextRoom
{
    private readonly IHallwayStore _store;
    private readonly ILogger<TextRoom> _logger;
    private readonly Lock _lock = new();
    private readonly HashSet<TextConnection> _open = [];
    private readonly Dictionary<string, int> _perAddress = [];
    private readonly Dictionary<string, TextConnection> _names = new(StringComparer.Ordinal);
    private readonly List<TextConnection> _joined = [];

    // Users online on any transport, by when they came online: userlist's "login order".
    private readonly Dictionary<long, long> _onlineSince = [];
    private long _arrivals;

    // Users whose presence change a text connection is making right now: that connection prints
    // its own login/logout line, so the bridged line for it is left out.
    private readonly HashSet<long> _quiet = [];

    // Direct chats' two members (a self-chat has one), null for chats text users do not see.
    private readonly ConcurrentDictionary<long, long[]?> _chats = new();
    private readonly ConcurrentDictionary<long, string> _usernames = new();
    private long _lobbyId;

    // One delegate for every connection's every event, not one allocated per call.
    private readonly Func<OutboundEvent, Task<TextLines>> _render;

    public TextRoom(TextGatewayOptions options, AccountService accounts, ChatService chats, MessageService messages, IHallwayStore store, RealtimeHub hub, GuestBudget guests, TimeProvider time, ILogger<TextRoom> logger)
    {
        Options = options;
        Guests = guests;
        Accounts = accounts;
        Chats = chats;
        Messages = messages;
        Hub = hub;
        Time = time;
        _store = store;
        _logger = logger;
        _render = RenderAsync;
        hub.PresenceChanged += OnPresenceChanged;
    }

    public TextGatewayOptions Options { get; }

    public AccountService Accounts { get; }

    public ChatService Chats { get; }

    public MessageService Messages { get; }

    public RealtimeHub Hub { get; }

    /// <summary>Each source address's budget of new guests.</summary>
    public GuestBudget Guests { get; }

    public TimeProvider Time { get; }

    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>
    /// Every open connection, and how many of them are logged in; the rest are connecting (not
    /// logged in yet), which is what fills <see cref="TextGatewayOptions.MaxConnections"/> in a flood.
    /// </summary>
    public (int Total, int SignedIn) Counts()
    {
        lock (_lock)
        {
            return (_open.Count, _joined.Count);
        }
    }

    /// <summary>Counts a new connection in, unless a limit is reached.</summary>
    public bool TryOpen(TextConnection connection)
    {
        lock (_lock)
        {
            _perAddress.TryGetValue(connection.Address, out var fromAddress);
            if (_open.Count >= Options.MaxConnections || fromAddress >= Options.MaxConnectionsPerAddress)
            {
                return false;
            }

            _open.Add(connection);
            _perAddress[connection.Address] = fromAddress + 1;
            return true;
        }
    }

    public void Closed(TextConnection connection)
    {
        lock (_lock)
        {
            if (_open.Remove(connection))
            {
                var left = _perAddress[connection.Address] - 1;
                if (left == 0)
                {
                    _perAddress.Remove(connection.Address);
                }
                else
                {
                    _perAddress[connection.Address] = left;
                }
            }
        }
    }

    /// <summary>Holds a name for a connection that is logging in; false when a text user has it.</summary>
    public bool TryReserve(string name, TextConnection connection)
    {
        lock (_lock)
        {
            return _names.TryAdd(name, connection);
        }
    }

    public void Release(string name, TextConnection connection)
    {
        lock (_lock)
        {
            if (_names.TryGetValue(name, out var holder) && holder == connection)
            {
                _names.Remove(name);
            }
        }
    }

    /// <summary>A login went through: everyone logged in, the newcomer included, hears of it.</summary>
    public void Join(TextConnection connection, string name)
    {
        lock (_lock)
        {
            _joined.Add(connection);
            Broadcast(TextReply.LoggedIn(name));
        }
    }

    /// <summary>A logout or a drop: everyone logged in, the leaver included, hears of it; the name is free.</summary>
    public void Leave(TextConnection connection, string name)
    {
        lock (_lock)
        {
            if (_joined.Contains(connection))
            {
                Broadcast(TextReply.LoggedOut(name));
                _joined.Remove(connection);
            }

            if (_names.TryGetValue(name, out var holder) && holder == connection)
            {
                _names.Remove(name);
            }
        }
    }

    /// <summary>Runs a presence change of a text connection without the bridged line for it.</summary>
    public async Task QuietlyAsync(long userId, Func<Task> change)
    {
        lock (_lock)
        {
            _quiet.Add(userId);
        }

        try
        {
            await change();
        }
        finally
        {
            lock (_lock)
            {
                _quiet.Remove(userId);
            }
        }
    }

    public void CloseAll()
    {
        TextConnection[] open;
        lock (_lock)
        {
            open = [.. _open];
        }

        foreach (var connection in open)
        {
            connection.Close((int)System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
        }
    }

    /// <summary><c>userlist</c>: the Lobby's members online now on any transport, by arrival.</summary>
    public async Task<IReadOnlyList<string>> UserListAsync()
    {
        long[] online;
        lock (_lock)
        {
            online = [.. _onlineSince.OrderBy(p => p.Value).Select(p => p.Key)];
        }

        var lobby = await LobbyIdAsync();
        return await _store.ReadAsync(r =>
        {
            var members = r.MemberIds(lobby).ToHashSet();
            var users = r.GetUsers([.. online.Where(members.Contains)]).ToDictionary(u => u.Id, u => u.Username);
            return (IReadOnlyList<string>)[.. online.Where(users.ContainsKey).Select(id => users[id])];
        });
    }

    /// <summary>
    /// Whom <c>msg name</c> means: the text user logged in under exactly that name, else the
    /// account of that username (ignoring case), else the guest of exactly that name.
    /// </summary>
    public async Task<User?> FindUserAsync(string name)
    {
        lock (_lock)
        {
            if (_names.TryGetValue(name, out var connection) && connection.User is { } user)
            {
                return user;
            }
        }

        return await _store.ReadAsync(r => r.GetUserByKey(UsernameRules.Key(name)) ?? r.GetUserByKey(GuestNames.Key(name)));
    }

    public async Task<long> LobbyIdAsync()
    {
        if (Volatile.Read(ref _lobbyId) is var known and not 0)
        {
            return known;
        }

        var id = await _store.ReadAsync(r => r.GetLobby()?.Id) ?? throw Errors.ChatNotFound();
        Volatile.Write(ref _lobbyId, id);
        return id;
    }

    /// <summary>
    /// A new message as the lines a text user sees: the Lobby's as public lines, a direct chat's as
    /// private ones (twice when someone writes to themselves, as async_chat did); nothing for other
    /// chats, edits, deletions or reactions. The lines are the same for every recipient, so they
    /// are rendered once per event and shared by every text connection that prints it.
    /// </summary>
    public Task<TextLines> LinesAsync(OutboundEvent outbound) => outbound.Rendered(Rendering.TextLines, _render);

    private async Task<TextLines> RenderAsync(OutboundEvent outbound) => new(await RepliesAsync(outbound));

    private async Task<IReadOnlyList<TextReply>> RepliesAsync(OutboundEvent outbound)
    {
        if (outbound.Event.Type != EventTypes.MessageCreated)
        {
            return [];
        }

        Message message;
        try
        {
            message = JsonSerializer.Deserialize(outbound.Event.Payload, CoreJsonContext.Default.MessagePayload)!.Message;
        }
        catch (JsonException e)
        {
            LogBadPayload(_logger, outbound.Event.Id, e);
            return [];
        }

        var time = message.CreatedAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var sender = await UsernameAsync(message.SenderId);
        var text = Body(message);
        if (message.ChatId == await LobbyIdAsync())
        {
            return [TextReply.Public(time, sender, text)];
        }

        if (await DirectMembersAsync(message.ChatId) is not { } members)
        {
            return [];
        }

        var peer = Array.Find(members, id => id != message.SenderId);
        if (peer == 0)
        {
            var self = TextReply.Private(time, sender, sender, text);
            return [self, self];
        }

        return [TextReply.Private(time, sender, await UsernameAsync(peer), text)];
    }

    /// <summary>A message's text on one line, with its sticker and files named.</summary>
    public static string Body(Message message)
    {
        var parts = new List<string>();
        if (message.Text.Length > 0)
        {
            parts.Add(message.Text.ReplaceLineEndings(" "));
        }

        if (message.Sticker is { } sticker)
        {
            parts.Add($"[sticker {sticker}]");
        }

        parts.AddRange(message.Attachments.Select(a => $"[file {a.Name.ReplaceLineEndings(" ")}]"));
        return string.Join(' ', parts);
    }

    private void OnPresenceChanged(PresenceSignal signal)
    {
        lock (_lock)
        {
            if (signal.Online)
            {
                _onlineSince.TryAdd(signal.UserId, ++_arrivals);
            }
            else
            {
                _onlineSince.Remove(signal.UserId);
            }

            if (_quiet.Contains(signal.UserId) || _joined.Count == 0)
            {
                return;
            }
        }

        // Someone came or went on the web (or the school client): text users hear it as a login or
        // logout, as they would have of another text user. Only members of the Lobby count.
        try
        {
            var lobby = Volatile.Read(ref _lobbyId);
            var user = _store.Read(r => lobby != 0 && r.GetMember(lobby, signal.UserId) is null ? null : r.GetUser(signal.UserId));
            if (user is null)
            {
                return;
            }

            lock (_lock)
            {
                Broadcast(signal.Online ? TextReply.LoggedIn(user.Username) : TextReply.LoggedOut(user.Username));
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private void Broadcast(TextReply reply)
    {
        foreach (var connection in _joined)
        {
            connection.Send(reply);
        }
    }

    private async Task<string> UsernameAsync(long userId)
    {
        if (_usernames.TryGetValue(userId, out var known))
        {
            return known;
        }

        // Usernames never change, so the cache never goes stale.
        var name = await _store.ReadAsync(r => r.GetUser(userId)?.Username) ?? "?";
        _usernames[userId] = name;
        return name;
    }

    private async Task<long[]?> DirectMembersAsync(long chatId)
    {
        if (_chats.TryGetValue(chatId, out var known))
        {
            return known;
        }

        // A chat's kind never changes, nor do a direct chat's members.
        var members = await _store.ReadAsync(r => r.GetChat(chatId) is { Kind: ChatKind.Direct } ? r.MemberIds(chatId) : null);
        _chats[chatId] = members;
        return members;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable message.created payload in event {EventId}")]
    private static partial void LogBadPayload(ILogger logger, long eventId, Exception exception);
}
