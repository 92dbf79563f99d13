using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Files;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>Profiles, finding people, and each user's contact list.</summary>
public sealed class UserService(IHallwayStore store, HallwayLimits limits)
{
    public async Task<User> GetAsync(long userId) =>
        await store.ReadAsync(r => r.GetUser(userId)) ?? throw Errors.UserNotFound();

    public Task<User> UpdateProfileAsync(Caller caller, string? displayName, string? about) =>
        store.WriteAsync(tx =>
        {
            var current = tx.GetUser(caller.Id) ?? throw Errors.UserNotFound();
            var name = displayName is null ? current.DisplayName : TextRules.RequireLine(displayName, "display_name", 1, 64);
            var text = about is null ? current.About : TextRules.OptionalText(about, "about", 500);
            if (name == current.DisplayName && text == current.About)
            {
                return current;
            }

            tx.UpdateProfile(caller.Id, name, text);
            return Announce(tx, caller.Id);
        });

    /// <summary>Sets the caller's avatar to an image they uploaded, or removes it (null).</summary>
    public Task<User> SetAvatarAsync(Caller caller, long? fileId) =>
        store.WriteAsync(tx =>
        {
            var current = tx.GetUser(caller.Id) ?? throw Errors.UserNotFound();
            if (fileId is long id)
            {
                FileRules.RequireOwnImage(tx, caller.Id, id);
            }

            if (current.AvatarId == fileId)
            {
                return current;
            }

            tx.SetUserAvatar(caller.Id, fileId);
            return Announce(tx, caller.Id);
        });

    /// <summary>Tells everyone about a changed profile or role through the Lobby, which every account is in.</summary>
    internal static User Announce(IWriteTx tx, long userId)
    {
        var updated = tx.GetUser(userId)!;
        var payload = new UserPayload(updated);
        if (tx.GetLobby() is { } lobby)
        {
            EventLog.ToChat(tx, lobby.Id, EventTypes.UserUpdated, payload, CoreJsonContext.Default.UserPayload);
        }
        else
        {
            EventLog.ToUser(tx, userId, EventTypes.UserUpdated, payload, CoreJsonContext.Default.UserPayload);
        }

        return updated;
    }

    /// <summary>People to pick (new chat, members, contacts); guests of the text gateway only when asked for.</summary>
    public Task<IReadOnlyList<User>> SearchAsync(Caller caller, string? query, int? limit, bool guests = false)
    {
        var text = (query ?? string.Empty).Trim();
        if (text.Length > 64 || !TextRules.IsClean(text, allowNewlines: false))
        {
            throw Errors.Invalid("query", "A user search is at most 64 characters.");
        }

        var size = Messages.MessageRules.PageSize(limit, limits.MaxSearchResults);

        return store.ReadAsync(r => r.SearchUsers(caller.Id, text, size, guests));
    }

    public async Task<Privacy> GetPrivacyAsync(Caller caller) =>
        await store.ReadAsync(r => r.GetPrivacy(caller.Id)) ?? throw Errors.UserNotFound();

    /// <summary>Replaces both settings; tells the user's sessions only when something changed.</summary>
    public Task<Privacy> SetPrivacyAsync(Caller caller, Privacy privacy)
    {
        if (!Enum.IsDefined(privacy.WhoCanMessage) || !Enum.IsDefined(privacy.WhoCanFind))
        {
            throw Errors.BadRequest("Unknown privacy setting.");
        }

        return store.WriteAsync(tx =>
        {
            var current = tx.GetPrivacy(caller.Id) ?? throw Errors.UserNotFound();
            if (current == privacy)
            {
                return current;
            }

            tx.SetPrivacy(caller.Id, privacy);
            EventLog.ToUser(tx, caller.Id, EventTypes.PrivacyUpdated, privacy, CoreJsonContext.Default.Privacy);
            return privacy;
        });
    }

    public Task<IReadOnlyList<User>> ContactsAsync(Caller caller) =>
        store.ReadAsync(r => r.ListContacts(caller.Id));

    public Task AddContactAsync(Caller caller, long userId) =>
        store.WriteAsync(tx =>
        {
            if (userId == caller.Id)
            {
                throw Errors.Invalid("contact", "You cannot add yourself as a contact.");
            }

            if (tx.GetUser(userId) is null || Chats.ChatService.IsRemoved(tx, userId))
            {
                throw Errors.UserNotFound();
            }

            return tx.AddContact(caller.Id, userId);
        });

    public async Task RemoveContactAsync(Caller caller, long userId)
    {
        var removed = await store.WriteAsync(tx => tx.RemoveContact(caller.Id, userId));
        if (!removed)
        {
            throw Errors.ContactNotFound();
        }
    }
}
