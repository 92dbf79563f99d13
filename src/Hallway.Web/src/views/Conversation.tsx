import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import type { Message } from "../protocol/types";
import { useStore } from "../state/hooks";
import { loadNewest, loadOlder, markRead, remove, setOpenChat } from "../state/session";
import type { State } from "../state/store";
import { ChatHeader } from "./ChatHeader";
import { Composer } from "./Composer";
import { MessageBubble } from "./MessageBubble";
import { MessageList } from "./MessageList";
import { ReportDialog } from "./ReportDialog";
import { chatTitle } from "./names";

const all = (s: State) => s;

export function Conversation({ chatId }: { chatId: number }) {
  const s = useStore(all);
  const summary = s.chats.get(chatId);
  const messages = s.messages.get(chatId) ?? [];
  const outgoing = [...s.outgoing.values()].filter((o) => o.chatId === chatId);
  const me = s.me!;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [dropped, setDropped] = useState<{ files: File[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [reporting, setReporting] = useState<Message | null>(null);

  useEffect(() => {
    setOpenChat(chatId);
    loadNewest(chatId).catch(() => undefined); // an unknown chat shows the empty state
    return () => setOpenChat(null);
  }, [chatId]);

  if (!summary) return <section class="conversation empty-state"><p>{t("noChatSelected")}</p></section>;

  const title = chatTitle(summary, s.users);
  const isGroup = summary.chat.kind !== "direct";
  const reads = s.reads.get(chatId) ?? new Map<number, number>();
  const canWrite = !(summary.chat.kind === "channel" && summary.role === "member");
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
              onReport={() => setReporting(m)}
            />
          );
        }}
      />
      {reporting && <ReportDialog message={reporting} onClose={() => setReporting(null)} />}
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
