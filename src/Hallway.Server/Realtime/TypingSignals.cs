using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Presence;
using Hallway.Core.Storage;

namespace Hallway.Server.Realtime;

/// <summary>"I am typing" from either transport: checked for membership, throttled, signalled to the chat.</summary>
public sealed class TypingSignals(IHallwayStore store, TypingTracker typing, RealtimeHub hub)
{
    public void Start(Caller caller, long chatId)
    {
        store.Read(r => Access.RequireMember(r, chatId, caller.Id));
        if (typing.Start(chatId, caller.Id))
        {
            var signal = new TypingSignal(chatId, caller.Id, (int)typing.Timeout.TotalMilliseconds);
            hub.SignalChat(chatId, caller.Id, Frames.Signal("typing", signal, RealtimeJsonContext.Default.TypingSignal));
        }
    }

    /// <summary>A message from the typist ends their typing (clients clear it on message.created).</summary>
    public void Stop(Caller caller, long chatId) => typing.Stop(chatId, caller.Id);
}
