using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>The checks the privacy settings impose on other services.</summary>
public static class PrivacyRules
{
    /// <summary>
    /// Refuses when <paramref name="recipientId"/> accepts direct messages only from their contacts
    /// and <paramref name="senderId"/> is not one. Writing to yourself is always allowed; server
    /// admins get no exemption.
    /// </summary>
    public static void RequireCanMessage(IReadTx r, long senderId, long recipientId)
    {
        if (senderId == recipientId)
        {
            return;
        }

        var privacy = r.GetPrivacy(recipientId) ?? Privacy.Default;
        if (privacy.WhoCanMessage == WhoCanMessage.Contacts && !r.IsContact(recipientId, senderId))
        {
            throw Errors.PrivacyRestricted();
        }
    }
}
