import { useEffect, useState } from "preact/hooks";
import { formatDay, formatTime, t } from "../i18n";
import type { Message } from "../protocol/types";
import { useStore } from "../state/hooks";
import { loadNewest, loadOlder, markRead, remove, setOpenChat } from "../state/session";
import type { State } from "../state/store";
import { Avatar } from "./Avatar";
import { Composer } from "./Composer";
import { MessageBubble } from "./MessageBubble";
import { MessageList } from "./MessageList";
import { chatTitle } from "./names";
import { navigate } from "./router";

const all = (s: State) => s;

export function Conversation({ chatId }: { chatId: number }) {
  const s = useStore(all);
  const summary = s.chats.get(chatId);
  const messages = s.messages.get(chatId) ?? [];
  const outgoing = [...s.outgoing.values()].filter((o) => o.chatId === chatId);
  const me = s.me!;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);

  useEffect(() => {
    setOpenChat(chatId);
    void loadNewest(chatId);
    return () => setOpenChat(null);
  }, [chatId]);

  if (!summary) return <section class="conversation empty-state"><p>{t("noChatSelected")}</p></section>;

  const title = chatTitle(summary, s.users);
  const isGroup = summary.chat.kind !== "direct";
  const peer = summary.peerId !== null ? s.users.get(summary.peerId) : undefined;
  const reads = s.reads.get(chatId) ?? new Map<number, number>();
  const typers = [...(s.typing.get(chatId) ?? new Map()).entries()].filter(([id, until]) => id !== me.id && until > Date.now()).map(([id]) => s.users.get(id)?.displayName ?? "…");
  const status = typers.length === 1 ? t("typingOne", { name: typers[0]! }) : typers.length > 1 ? t("typingMany", { count: typers.length }) : isGroup ? "" : peer && s.online.has(peer.id) ? t("online") : peer?.lastSeenAt ? t("lastSeen", { time: `${formatDay(peer.lastSeenAt)} ${formatTime(peer.lastSeenAt)}` }) : t("offline");
  return (
    <section class="conversation" aria-label={title}>
      <header class="pane-header conversation-header">
        <button class="icon-button back" aria-label={t("back")} onClick={() => navigate("/")}>‹</button>
        <Avatar id={summary.peerId ?? chatId} name={title} online={summary.peerId !== null && s.online.has(summary.peerId)} size={36} />
        <div class="conversation-title">
          <h2>{title}</h2>
          <p class={typers.length > 0 ? "typing" : ""} aria-live="polite">{status}</p>
        </div>
      </header>
      <MessageList
        messages={messages}
        outgoing={outgoing}
        hasOlder={s.hasOlder.get(chatId) ?? false}
        meId={me.id}
        label={t("messagesIn", { title })}
        senderName={(id) => s.users.get(id)?.displayName ?? "…"}
        loadOlder={() => loadOlder(chatId)}
        onBottomVisible={() => void markRead(chatId)}
        renderMessage={(m, i, firstOfDay) => {
          const previous = messages[i - 1];
          const replyTarget = m.replyToId ? messages.find((x) => x.id === m.replyToId) : undefined;
          const readers = [...reads.entries()].filter(([id, seq]) => id !== me.id && seq >= m.seq).length;
          return (
            <MessageBubble
              message={m}
              mine={m.senderId === me.id}
              showSender={isGroup && m.senderId !== me.id && (previous?.senderId !== m.senderId || firstOfDay)}
              sender={s.users.get(m.senderId)}
              replyTo={replyTarget}
              replySender={replyTarget ? s.users.get(replyTarget.senderId) : undefined}
              meId={me.id}
              readState={{ read: readers > 0, count: readers, group: isGroup }}
              onReply={() => (setEditing(null), setReplyTo(m))}
              onEdit={() => (setReplyTo(null), setEditing(m))}
              onDelete={() => void remove(m.id)}
            />
          );
        }}
      />
      {summary.chat.kind === "channel" && summary.role === "member" ? null : (
        <Composer
          chatId={chatId}
          replyTo={replyTo}
          editing={editing}
          replyName={replyTo ? (s.users.get(replyTo.senderId)?.displayName ?? "") : ""}
          onDone={() => (setReplyTo(null), setEditing(null))}
        />
      )}
    </section>
  );
}
