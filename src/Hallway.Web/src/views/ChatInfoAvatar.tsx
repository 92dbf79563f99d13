import type { ChatSummary } from "../protocol/types";
import { useStore } from "../state/hooks";
import { setChatAvatar } from "../state/session";
import type { State } from "../state/store";
import { Avatar } from "./Avatar";
import { AvatarPicker } from "./AvatarPicker";

const selectUsers = (s: State) => s.users;

/**
 * The big picture at the top of the chat info panel: the person's photo in a direct chat; the
 * group's photo, which its owner and admins can change or remove, otherwise.
 */
export function ChatInfoAvatar({ summary, title, online }: { summary: ChatSummary; title: string; online: boolean }) {
  const users = useStore(selectUsers);
  const chat = summary.chat;
  const canEdit = chat.kind !== "direct" && (summary.role === "admin" || summary.role === "owner");
  const avatarId = summary.peerId !== null ? (users.get(summary.peerId)?.avatarId ?? null) : chat.avatarId;
  return (
    <div class="chat-info-avatar">
      {canEdit
        ? <AvatarPicker id={chat.id} name={title} avatarId={chat.avatarId} size={88} onChange={(id) => setChatAvatar(chat.id, id)} />
        : <Avatar id={summary.peerId ?? chat.id} name={title} online={online} size={88} avatarId={avatarId} />}
    </div>
  );
}
