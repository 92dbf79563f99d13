import { formatTime, t } from "../i18n";
import type { Message, User } from "../protocol/types";
import { react } from "../state/session";
import { Avatar } from "./Avatar";
import { Markdown } from "./Markdown";
import { Attachments, Sticker } from "./Attachments";
import { copyText } from "./clipboard";
import { messagePreview } from "./names";
import { onMenuToggle } from "./popover";
import { showToast } from "../state/toasts";

interface Props {
  message: Message;
  mine: boolean;
  showSender: boolean;
  /** Groups: the sender's avatar beside the first bubble of a run (defaults to showSender). */
  showAvatar?: boolean;
  sender: User | undefined;
  replyTo: Message | undefined;
  replySender: User | undefined;
  meId: number;
  /** Direct chats: has the peer read it? Groups: how many members have. */
  readState: { read: boolean; count: number; group: boolean };
  onReply(): void;
  onEdit(): void;
  onDelete(): void;
  /** Others' messages: flag it for the server's admins. */
  onReport(): void;
}

const QuickReactions = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

export function MessageBubble(p: Props) {
  // Others' messages in groups keep an avatar column, so a run's bubbles line up under its avatar.
  if (!p.readState.group || p.mine) return <Bubble {...p} />;
  const sender = p.sender;
  return (
    <div class="bubble-line">
      {(p.showAvatar ?? p.showSender) && sender ? <Avatar id={sender.id} name={sender.displayName} size={32} /> : <span class="avatar-gap" aria-hidden="true" />}
      <Bubble {...p} />
    </div>
  );
}

function Bubble(p: Props) {
  const m = p.message;
  if (m.deleted) {
    return (
      <div class={`bubble tombstone${p.mine ? " mine" : ""}`} data-message-id={m.id}>
        <em>{t("deleted")}</em>
      </div>
    );
  }

  return (
    <article class={`bubble${p.mine ? " mine" : ""}${m.sticker ? " sticker-bubble" : ""}`} data-message-id={m.id} aria-label={p.sender?.displayName}>
      {p.showSender && <div class="sender">{p.sender?.displayName ?? "…"}</div>}
      {p.replyTo && (
        <blockquote class="reply-quote">
          <strong>{p.replySender?.displayName ?? "…"}</strong> {p.replyTo.deleted ? t("deleted") : messagePreview(p.replyTo).slice(0, 140)}
        </blockquote>
      )}
      {m.sticker && <Sticker sticker={m.sticker} />}
      {m.attachments && m.attachments.length > 0 && <Attachments files={m.attachments} />}
      {m.text !== "" && <Markdown text={m.text} />}
      <footer class="bubble-meta">
        {m.editedAt && <span class="edited">{t("edited")}</span>}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
        {p.mine && (p.readState.group ? p.readState.count > 0 && <span class="ticks" title={t("readBy", { count: p.readState.count })}>✓✓ {p.readState.count}</span> : <span class={`ticks${p.readState.read ? " read" : ""}`} aria-label={p.readState.read ? "read" : "sent"}>{p.readState.read ? "✓✓" : "✓"}</span>)}
      </footer>
      {m.reactions.length > 0 && (
        <div class="reactions">
          {m.reactions.map((r) => {
            const minePick = r.userIds.includes(p.meId);
            return (
              <button key={r.emoji} class={`reaction${minePick ? " mine" : ""}`} aria-pressed={minePick} onClick={() => void react(m.id, r.emoji, minePick)}>
                {r.emoji} {r.userIds.length}
              </button>
            );
          })}
        </div>
      )}
      <details class={`message-menu${p.mine ? " mine" : ""}`} onKeyDown={menuKeys} onToggle={(e) => onMenuToggle(e.currentTarget, p.mine ? "end" : "start")}>
        <summary aria-label={t("messageActions")} aria-haspopup="menu">⋯</summary>
        <div class="menu" role="menu" onClick={(e) => closeMenu(e.currentTarget.parentElement as HTMLDetailsElement)}>
          <div class="quick-reactions">
            {QuickReactions.map((e) => (
              <button key={e} role="menuitem" onClick={() => void react(m.id, e, false)}>{e}</button>
            ))}
          </div>
          <button role="menuitem" onClick={p.onReply}>{t("reply")}</button>
          <button role="menuitem" onClick={() => void copyText(m.text).then((ok) => showToast(ok ? t("copied") : t("copyFailed")))}>{t("copy")}</button>
          {p.mine && !m.sticker && <button role="menuitem" onClick={p.onEdit}>{t("edit")}</button>}
          <button role="menuitem" onClick={p.onDelete}>{t("remove")}</button>
          {!p.mine && <button role="menuitem" onClick={p.onReport}>{t("report")}</button>}
        </div>
      </details>
    </article>
  );
}

/** Closes a message menu and gives focus back to its ⋯ button, where the keyboard user left it. */
function closeMenu(menu: HTMLDetailsElement): void {
  menu.open = false;
  menu.querySelector("summary")?.focus();
}

/** Escape closes the menu; the arrow keys move between its items (the emoji row included). */
function menuKeys(e: KeyboardEvent): void {
  const menu = e.currentTarget as HTMLDetailsElement;
  if (!menu.open) return;
  if (e.key === "Escape") {
    e.preventDefault();
    closeMenu(menu);
    return;
  }
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : -1;
  items[(at + step + items.length) % items.length]?.focus();
  e.preventDefault();
}
