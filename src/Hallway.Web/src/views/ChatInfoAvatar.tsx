import type { ChatSummary } from "../protocol/types";
import { Avatar } from "./Avatar";

/**
 * The big picture at the top of the chat info panel. Its own component so that a chat photo
 * (and the owner's upload button) can be added here without touching the panel.
 */
export function ChatInfoAvatar({ summary, title, online }: { summary: ChatSummary; title: string; online: boolean }) {
  return (
    <div class="chat-info-avatar">
      <Avatar id={summary.peerId ?? summary.chat.id} name={title} online={online} size={88} />
    </div>
  );
}
