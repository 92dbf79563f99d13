import { t } from "../i18n";
import type { ChatSummary } from "../protocol/types";
import { useStore } from "../state/hooks";
import type { State } from "../state/store";
import { Avatar } from "./Avatar";
import { chatTitle, presenceText } from "./names";
import { navigate } from "./router";

const selectUsers = (s: State) => s.users;
const selectOnline = (s: State) => s.online;
const selectTyping = (s: State) => s.typing;
const selectMe = (s: State) => s.me;
const selectMembers = (s: State) => s.members;

/** The conversation's header: back (phones), avatar, title and status; the title opens the chat info. */
export function ChatHeader({ summary }: { summary: ChatSummary }) {
  const users = useStore(selectUsers);
  const online = useStore(selectOnline);
  const typing = useStore(selectTyping);
  const me = useStore(selectMe)!;
  const members = useStore(selectMembers).get(summary.chat.id);
  const chatId = summary.chat.id;
  const title = chatTitle(summary, users);
  const isGroup = summary.chat.kind !== "direct";
  const peer = summary.peerId !== null ? users.get(summary.peerId) : undefined;
  const typers = [...(typing.get(chatId) ?? new Map<number, number>()).entries()].filter(([id, until]) => id !== me.id && until > Date.now()).map(([id]) => users.get(id)?.displayName ?? "…");
  const status =
    typers.length === 1 ? t("typingOne", { name: typers[0]! })
    : typers.length > 1 ? t("typingMany", { count: typers.length })
    : isGroup ? (members ? t("members", { count: members.length }) : "")
    : peer ? presenceText(peer, online)
    : t("offline");
  const info = `/chats/${chatId}/info`;
  const toggleInfo = (e: Event) => {
    e.preventDefault();
    navigate(location.pathname === info ? `/chats/${chatId}` : info);
  };

  return (
    <header class="pane-header conversation-header">
      <button class="icon-button back" aria-label={t("back")} onClick={() => navigate("/")}>‹</button>
      <Avatar id={summary.peerId ?? chatId} name={title} avatarId={peer ? peer.avatarId : summary.chat.avatarId} online={summary.peerId !== null && online.has(summary.peerId)} size={36} />
      <div class="conversation-title">
        <h2>
          <a href={info} class="title-link" onClick={toggleInfo}>{title}</a>
          {summary.muted && <span class="muted-icon" title={t("muted")} aria-label={t("muted")}>🔕</span>}
        </h2>
        <p class={typers.length > 0 ? "typing" : ""} aria-live="polite">{status}</p>
      </div>
      <a href={info} class="icon-button info-button" aria-label={t("openChatInfo")} title={t("chatInfo")} onClick={toggleInfo}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 7v6h2v-6zm0-4v2h2V7z" fill="currentColor" /></svg>
      </a>
    </header>
  );
}
