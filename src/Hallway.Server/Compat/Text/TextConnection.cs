using System.Threading.Channels;
using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Server.Realtime;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// One async_chat client, over TCP or the /text WebSocket: the protocol's state machine, one
/// command at a time, and one ordered outgoing queue drained by one writer. Replies and the lines
/// of Hallway's events share that queue, so a message a user sends is printed before the reply to
/// their next command, as async_chat did. A connection that ends any way (logout, empty line, EOF,
/// reset, idle, revoked session, shutdown) logs its user out at once and says so to everyone.
/// </summary>
public abstract partial class TextConnection : IRealtimeClient
{
    /// <summary>The line before the logout line when the session was ended from elsewhere (Hallway's extension).</summary>
    public const string SignedOutElsewhere = "Signed out elsewhere!";

    private const int OutgoingQueueLimit = 512;
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);

    private readonly Channel<object> _out = Channel.CreateBounded<object>(new BoundedChannelOptions(OutgoingQueueLimit) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _reap;
    private readonly TokenBucket _budget;
    private readonly ClientInfo _client;
    private volatile Caller? _caller;
    private string? _name;
    private bool _throttled;
    private int _revoked;

    protected TextConnection(TextRoom room, string address, string transport)
    {
        Room = room;
        Address = address;
        _client = new ClientInfo($"text gateway ({transport})", address);
        _budget = new TokenBucket(room.Options.CommandsPerSecond * 5, room.Options.CommandsPerSecond, room.Time);
        _reap = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _reap.CancelAfter(room.Options.LoginTimeout);
    }

    public string Address { get; }

    public long UserId => _caller?.Id ?? 0;

    public long SessionId => _caller?.SessionId ?? 0;

    /// <summary>The signed-in user, null before login.</summary>
    public User? User => _caller?.User;

    protected TextRoom Room { get; }

    /// <summary>Cancelled when the connection must end: the peer went silent too long, or Close.</summary>
    protected CancellationToken Reading => _reap.Token;

    protected int MaxLineBytes => Room.Options.MaxLineBytes;

    public async Task RunAsync()
    {
        var sending = SendLoopAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // Reset, EOF mid-frame, idle or closed: the cleanup below is the same.
        }
        finally
        {
            await LeaveAsync();
            _out.Writer.TryComplete();
            if (await Task.WhenAny(sending, Task.Delay(DrainGrace)) != sending)
            {
                Abort(); // not reading what we write: stop waiting for it
            }

            await sending;
            await CloseTransportAsync();
            Room.Closed(this);
            _reap.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>Only new messages become lines; the writer turns them into text in order.</summary>
    public void Deliver(OutboundEvent outbound)
    {
        if (outbound.Event.Type == EventTypes.MessageCreated)
        {
            Enqueue(outbound);
        }
    }

    /// <summary>Typing and presence frames are not this protocol's; presence arrives as login lines.</summary>
    public void Signal(byte[] frame)
    {
    }

    public void Send(TextReply reply) => Enqueue(reply);

    /// <summary>
    /// Ends the connection. A revoked session (a password change, the session deleted, an admin
    /// setting the password or disabling the account) is told why first; then the user is logged
    /// out and the socket closed, as the native and school sockets are closed with 4001.
    /// </summary>
    public void Close(int code, string reason)
    {
        if (code == CloseCodes.SessionRevoked && _caller is not null && Interlocked.Exchange(ref _revoked, 1) == 0)
        {
            Send(TextReply.Error(SignedOutElsewhere));
        }

        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }

    /// <summary>Reads commands until the peer leaves; each goes to <see cref="HandleLineAsync"/>.</summary>
    protected abstract Task ReadLoopAsync();

    /// <summary>Writes a reply; a transport may hold it until <see cref="FlushAsync"/>.</summary>
    protected abstract ValueTask WriteAsync(TextReply reply);

    /// <summary>Writes an event's lines, rendered once for every connection; may be held until <see cref="FlushAsync"/>.</summary>
    protected abstract ValueTask WriteAsync(TextLines lines);

    /// <summary>Sends what the writes held. Called whenever the outgoing queue has been emptied.</summary>
    protected virtual ValueTask FlushAsync() => ValueTask.CompletedTask;

    protected abstract Task CloseTransportAsync();

    protected abstract void Abort();

    /// <summary>One command line (CR/LF already stripped). False: the connection ends.</summary>
    protected async Task<bool> HandleLineAsync(string line)
    {
        // async_chat: an empty line is a disconnect.
        if (line.Length == 0)
        {
            return false;
        }

        _reap.CancelAfter(_caller is null ? Room.Options.LoginTimeout : Room.Options.IdleTimeout);
        var command = TextCommand.Parse(line, passwords: Room.Options.Identity != TextIdentity.Guests);

        // whoami costs nothing and stores nothing: it is answered even while throttled.
        if (command.Verb != TextVerb.WhoAmI)
        {
            if (!_budget.TryTake())
            {
                // Said once per burst: async_chat's page answers every reply with a /userlist,
                // and an error for each of those would keep it going.
                if (!_throttled)
                {
                    _throttled = true;
                    Send(TextReply.Error("Too many commands, slow down!"));
                }

                return true;
            }

            _throttled = false;
        }

        if (command.SyntaxError is { } error)
        {
            Send(TextReply.Error(error));
            return true;
        }

        if (_caller is null && command.Verb != TextVerb.Login)
        {
            Send(TextReply.Error("First login!"));
            return true;
        }

        switch (command.Verb)
        {
            case TextVerb.Login:
                await LoginAsync(command.Param, command.Body);
                break;
            case TextVerb.Logout:
                return false;
            case TextVerb.WhoAmI:
                Send(command.Clear ? TextReply.Plain(_name!) : TextReply.Info(_name!));
                break;
            case TextVerb.UserList:
                Send(TextReply.UserList(await Room.UserListAsync(), command.Clear));
                break;
            case TextVerb.MsgAll:
                await SendToAsync(null, await Room.LobbyIdAsync(), command.Body);
                break;
            case TextVerb.Msg:
                await SendDirectAsync(command.Param, command.Body);
                break;
        }

        return true;
    }

    /// <summary>Bytes that are not UTF-8 get an error and are dropped; the connection goes on.</summary>
    protected void RefuseEncoding() => Send(TextReply.Error("Text must be UTF-8!"));

    protected void RefuseLength() => Send(TextReply.Error($"Line longer than {MaxLineBytes} bytes!"));

    private async Task LoginAsync(string name, string password)
    {
        if (_caller is not null)
        {
            Send(TextReply.Error("Already login!"));
            return;
        }

        var identity = Room.Options.Identity;
        var asGuest = password.Length == 0;
        if (asGuest && identity == TextIdentity.Accounts)
        {
            Send(TextReply.Error("Password required: login <name> <password>"));
            return;
        }

        if (asGuest && name.Length > 0 && !GuestNames.IsValid(name))
        {
            Send(TextReply.Error("Username not allowed!"));
            return;
        }

        SignedIn signedIn;
        try
        {
            signedIn = asGuest ? await SignInGuestAsync(name) : await Room.Accounts.LoginAsync(name, password, _client);
        }
        catch (HallwayException e)
        {
            Send(TextReply.Error(e.Code == "username_taken" ? "Username already taken!" : e.Message));
            return;
        }

        var caller = new Caller(signedIn.User, signedIn.SessionId);
        var canonical = signedIn.User.Username;
        if (!asGuest && !Room.TryReserve(canonical, this))
        {
            await Room.Accounts.LogoutAsync(caller);
            Send(TextReply.Error("Username already taken!"));
            return;
        }

        await Room.LobbyIdAsync();
        _name = canonical;
        _caller = caller;
        Room.Hub.Add(this);
        await Room.QuietlyAsync(caller.Id, () => Room.Hub.UserConnectedAsync(caller.Id));
        Room.Join(this, canonical);
        _reap.CancelAfter(Room.Options.IdleTimeout);

        // Revocations reach only connections in the hub: one between the sign-in and Add reached
        // nobody, so check once more now that this one is registered.
        if (!(await Room.Accounts.ListSessionsAsync(caller)).Any(s => s.Id == caller.SessionId))
        {
            Close(CloseCodes.SessionRevoked, "session revoked");
        }
    }

    /// <summary>A guest: the name is held first, so two connections cannot both take it.</summary>
    private async Task<SignedIn> SignInGuestAsync(string name)
    {
        if (name.Length == 0 || !Room.TryReserve(name, this))
        {
            throw Errors.UsernameTaken();
        }

        try
        {
            var quota = new GuestQuota(Room.Options.MaxGuests, () => Room.Guests.TryTake(Address));
            return await Room.Accounts.SignInGuestAsync(name, _client, quota);
        }
        catch
        {
            Room.Release(name, this);
            throw;
        }
    }

    private async Task SendDirectAsync(string name, string text)
    {
        var peer = await Room.FindUserAsync(name);
        if (peer is null)
        {
            Send(TextReply.NotFound(name));
            return;
        }

        try
        {
            var chat = await Room.Chats.OpenDirectAsync(_caller!, peer.Id);
            await SendToAsync(name, chat.Chat.Id, text);
        }
        catch (HallwayException e)
        {
            Send(e.Code == "user_not_found" ? TextReply.NotFound(name) : TextReply.Error(e.Message));
        }
    }

    /// <summary>The line comes back through the event (to the sender too), as async_chat echoed it.</summary>
    private async Task SendToAsync(string? peerName, long chatId, string text)
    {
        try
        {
            await Room.Messages.SendAsync(_caller!, chatId, Guid.NewGuid().ToString("N"), text, null);
        }
        catch (HallwayException e)
        {
            Send(e.Code == "user_not_found" && peerName is not null ? TextReply.NotFound(peerName) : TextReply.Error(e.Message));
        }
    }

    private async Task LeaveAsync()
    {
        if (_caller is not { } caller)
        {
            return;
        }

        // Presence goes first, so that whoever hears the logout line and asks for the userlist
        // no longer finds this user in it.
        Room.Hub.Remove(this);
        try
        {
            await Room.QuietlyAsync(caller.Id, () => Room.Hub.UserDisconnectedAsync(caller.Id));
        }
        catch (ObjectDisposedException)
        {
            // The server is shutting down.
        }
        finally
        {
            Room.Leave(this, _name!);
        }

        try
        {
            await Room.Accounts.LogoutAsync(caller);
        }
        catch (Exception e) when (e is ObjectDisposedException or HallwayException)
        {
            // The server is shutting down, or the session is gone already; either way the socket
            // must still be closed below, and an unclosed session expires on its own.
        }
    }

    private void Enqueue(object item)
    {
        if (!_out.Writer.TryWrite(item) && !_out.Reader.Completion.IsCompleted)
        {
            // Not reading its replies: drop the connection rather than hold memory for it.
            Close(0, "too slow");
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            // Everything queued goes out together: the transport may put many lines in one write,
            // and flushes once the queue is empty.
            var queue = _out.Reader;
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryRead(out var item))
                {
                    if (item is TextReply reply)
                    {
                        await WriteAsync(reply);
                    }
                    else
                    {
                        await WriteAsync(await Room.LinesAsync((OutboundEvent)item));
                    }
                }

                await FlushAsync();
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The peer is gone: stop reading too, and let the queue be.
            Close(0, "gone");
            while (_out.Reader.TryRead(out _))
            {
            }
        }
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException;
}
