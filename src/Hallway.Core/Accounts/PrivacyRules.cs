using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>The checks the privacy settings impose on other services.</summary>
public static class PrivacyRules
{
    /// <summary>
    /// Refuses a direct message the server's <see cref="DirectMessagePolicy"/> forbids (staff are
    /// exempt: the policy is the school's rule for students), then one the recipient's own privacy
    /// forbids: when they accept direct messages only from their contacts and
    /// <paramref name="senderId"/> is not one (nobody is exempt from a person's own rule). Writing
    /// to yourself is always allowed. Every transport's direct open and send passes through here.
    /// </summary>
    public static void RequireCanMessage(IReadTx r, long senderId, long recipientId)
    {
        if (senderId == recipientId)
        {
            return;
        }

        RequirePolicyAllows(r, senderId, recipientId);

        var privacy = r.GetPrivacy(recipientId) ?? Privacy.Default;
        if (privacy.WhoCanMessage == WhoCanMessage.Contacts && !r.IsContact(recipientId, senderId))
        {
            throw Errors.PrivacyRestricted();
        }
    }

    private static void RequirePolicyAllows(IReadTx r, long senderId, long recipientId)
    {
        var policy = ServerSettings.DirectMessages(r);
        if (policy == DirectMessagePolicy.Everyone)
        {
            return;
        }

        var users = r.GetUsers([senderId, recipientId]);
        var sender = users.FirstOrDefault(u => u.Id == senderId);
        var recipient = users.FirstOrDefault(u => u.Id == recipientId);
        if (sender is null || recipient is null || sender.IsStaff || recipient.IsStaff)
        {
            return;
        }

        if (policy == DirectMessagePolicy.StaffOnly || !r.ShareGroup(senderId, recipientId))
        {
            throw Errors.PolicyRestricted();
        }
    }
}
