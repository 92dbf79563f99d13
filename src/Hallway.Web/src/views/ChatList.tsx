import { useMemo, useState } from "preact/hooks";
import { formatTime, t } from "../i18n";
import type { ChatSummary } from "../protocol/types";
import { useStore } from "../state/hooks";
import type { State } from "../state/store";
import { Avatar } from "./Avatar";
import { chatTitle, messagePreview } from "./names";
import { navigate } from "./router";

const selectChats = (s: State) => s.chats;
const selectUsers = (s: State) => s.users;
const selectOnline = (s: State) => s.online;
const selectMe = (s: State) => s.me;

export function ChatList({ openId, onNewChat }: { openId: number | null; onNewChat(): void }) {
  const chats = useStore(selectChats);
  const users = useStore(selectUsers);
  const online = useStore(selectOnline);
  const me = useStore(selectMe);
  const [query, setQuery] = useState("");
  const [unreadOnly, setUnreadOnly] = useState(false);

  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...chats.values()]
      .filter((c) => !unreadOnly || c.unreadCount > 0)
      .filter((c) => q === "" || chatTitle(c, users).toLowerCase().includes(q))
      .sort((a, b) => activity(b).localeCompare(activity(a)));
  }, [chats, users, query, unreadOnly]);

  return (
    <section class="chat-list" aria-label={t("chats")}>
      <header class="pane-header">
        <h1>{t("chats")}</h1>
        <a href="/contacts" class="icon-button" aria-label={t("contacts")} title={t("contacts")} onClick={(e) => (e.preventDefault(), navigate("/contacts"))}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z" fill="currentColor" /></svg>
        </a>
        <button class="icon-button" onClick={onNewChat} aria-label={t("newChat")} title={t("newChat")}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z" fill="currentColor" /></svg>
        </button>
      </header>
      <div class="list-tools">
        <input type="search" placeholder={t("search")} aria-label={t("search")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <label class="toggle">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
          {t("unreadOnly")}
        </label>
      </div>
      {list.length === 0 ? (
        <p class="empty">{t("noChats")}</p>
      ) : (
        <ul role="list" aria-label={t("chats")} onKeyDown={rowKeys}>
          {list.map((c) => {
            const title = chatTitle(c, users);
            const last = c.lastMessage;
            const preview = last ? (last.deleted ? t("deleted") : `${last.senderId === me?.id ? t("you") + ": " : ""}${messagePreview(last)}`) : "";
            return (
              <li key={c.chat.id}>
                <a
                  href={`/chats/${c.chat.id}`}
                  class={`chat-row${c.chat.id === openId ? " active" : ""}`}
                  aria-current={c.chat.id === openId ? "page" : undefined}
                  onClick={(e) => (e.preventDefault(), navigate(`/chats/${c.chat.id}`))}
                >
                  <Avatar id={c.peerId ?? c.chat.id} name={title} avatarId={c.peerId !== null ? users.get(c.peerId)?.avatarId : c.chat.avatarId} online={c.peerId !== null && online.has(c.peerId)} />
                  <span class="chat-row-text">
                    <span class="chat-row-title">
                      {title}
                      {c.muted && <span class="muted-icon" title={t("muted")} aria-label={t("muted")}>🔕</span>}
                    </span>
                    <span class="chat-row-preview">{preview}</span>
                  </span>
                  <span class="chat-row-meta">
                    {last && <time>{formatTime(last.createdAt)}</time>}
                    {c.unreadCount > 0 && <span class={`badge${c.muted ? " quiet" : ""}`}>{c.unreadCount}</span>}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const activity = (c: ChatSummary) => c.lastMessage?.createdAt ?? c.chat.createdAt;

/** Up and down arrows move between chats (Home and End to the ends); Enter opens one, as a link does. */
function rowKeys(e: KeyboardEvent): void {
  const rows = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(".chat-row")];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  const next = e.key === "ArrowDown" ? at + 1 : e.key === "ArrowUp" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? rows.length - 1 : null;
  if (next === null || at < 0) return;
  e.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, next))]?.focus();
}
