import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { formatDay, t } from "../i18n";
import type { Message } from "../protocol/types";
import { useStore } from "../state/hooks";
import { loadNewest, loadOlder, markRead, remove, retry, setOpenChat } from "../state/session";
import type { State } from "../state/store";
import { Attachments, Sticker } from "./Attachments";
import { ChatHeader } from "./ChatHeader";
import { Composer } from "./Composer";
import { MessageBubble } from "./MessageBubble";
import { chatTitle } from "./names";

const all = (s: State) => s;

export function Conversation({ chatId }: { chatId: number }) {
  const s = useStore(all);
  const summary = s.chats.get(chatId);
  const messages = s.messages.get(chatId) ?? [];
  const outgoing = [...s.outgoing.values()].filter((o) => o.chatId === chatId);
  const me = s.me!;
  const scroller = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [seenCount, setSeenCount] = useState(0);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const loadingOlder = useRef(false);
  const [dropped, setDropped] = useState<{ files: File[] } | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    setOpenChat(chatId);
    void loadNewest(chatId);
    return () => setOpenChat(null);
  }, [chatId]);

  // Stay pinned to the newest message while the reader is at the bottom; mark it read.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom) el.scrollTop = el.scrollHeight;
    if (atBottom && document.visibilityState === "visible") {
      setSeenCount(messages.length);
      void markRead(chatId);
    }
  }, [messages.length, outgoing.length, atBottom, chatId]);

  async function onScroll() {
    const el = scroller.current!;
    setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < 40);
    if (el.scrollTop < 200 && !loadingOlder.current) {
      loadingOlder.current = true;
      const before = el.scrollHeight;
      await loadOlder(chatId);
      // Keep the message under the reader's eyes where it was.
      el.scrollTop += el.scrollHeight - before;
      loadingOlder.current = false;
    }
  }

  if (!summary) return <section class="conversation empty-state"><p>{t("noChatSelected")}</p></section>;

  const title = chatTitle(summary, s.users);
  const isGroup = summary.chat.kind !== "direct";
  const reads = s.reads.get(chatId) ?? new Map<number, number>();
  const unseen = Math.max(0, messages.length - seenCount);
  const canWrite = !(summary.chat.kind === "channel" && summary.role === "member");

  let lastDay = "";
  return (
    <section
      class={`conversation${dragging ? " dragging" : ""}`}
      aria-label={title}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes("Files") || !canWrite) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.relatedTarget === null || !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node) ? setDragging(false) : undefined}
      onDrop={(e) => {
        setDragging(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length === 0 || !canWrite) return;
        e.preventDefault();
        setDropped({ files });
      }}
    >
      <ChatHeader summary={summary} />
      <div class="messages" ref={scroller} onScroll={() => void onScroll()} role="log" aria-live="polite">
        {s.hasOlder.get(chatId) && <p class="loading-older">{t("loadOlder")}</p>}
        {messages.map((m, i) => {
          const day = formatDay(m.createdAt);
          const separator = day !== lastDay ? <div class="day-separator" role="separator"><span>{day}</span></div> : null;
          lastDay = day;
          const previous = messages[i - 1];
          const replyTarget = m.replyToId ? messages.find((x) => x.id === m.replyToId) : undefined;
          const readers = [...reads.entries()].filter(([id, seq]) => id !== me.id && seq >= m.seq).length;
          return (
            <div key={m.id} class="message-row">
              {separator}
              <MessageBubble
                message={m}
                mine={m.senderId === me.id}
                showSender={isGroup && m.senderId !== me.id && (previous?.senderId !== m.senderId || separator !== null)}
                sender={s.users.get(m.senderId)}
                replyTo={replyTarget}
                replySender={replyTarget ? s.users.get(replyTarget.senderId) : undefined}
                meId={me.id}
                readState={{ read: readers > 0, count: readers, group: isGroup }}
                onReply={() => (setEditing(null), setReplyTo(m))}
                onEdit={() => (setReplyTo(null), setEditing(m))}
                onDelete={() => void remove(m.id)}
              />
            </div>
          );
        })}
        {outgoing.map((o) => (
          <div key={o.clientId} class={`bubble mine pending ${o.state}${o.sticker ? " sticker-bubble" : ""}`}>
            {o.sticker && <Sticker sticker={o.sticker} />}
            {o.attachments.length > 0 && <Attachments files={o.attachments} />}
            {o.text !== "" && <div class="markdown">{o.text}</div>}
            <footer class="bubble-meta">
              {o.state === "failed" ? <button class="link" onClick={() => retry(o.clientId)}>{t(o.reason === "privacy_restricted" ? "privacyRestrictedSend" : "failed")}</button> : <span>{t("sending")}</span>}
            </footer>
          </div>
        ))}
      </div>
      {!atBottom && (
        <button class="jump" aria-label={t("jumpToBottom")} onClick={() => scroller.current && (scroller.current.scrollTop = scroller.current.scrollHeight)}>
          ↓ {unseen > 0 && t("newMessages", { count: unseen })}
        </button>
      )}
      {dragging && <div class="drop-hint" aria-hidden="true">{t("dropFiles")}</div>}
      {!canWrite ? <p class="composer-note">{t("channelNote")}</p> : (
        <Composer
          chatId={chatId}
          replyTo={replyTo}
          editing={editing}
          replyName={replyTo ? (s.users.get(replyTo.senderId)?.displayName ?? "") : ""}
          onDone={() => (setReplyTo(null), setEditing(null))}
          dropped={dropped}
        />
      )}
    </section>
  );
}
