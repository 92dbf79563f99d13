import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { readChat, type ChatReading } from "../../protocol/admin";
import type { Message } from "../../protocol/types";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import { mergeMessages, type State } from "../../state/store";
import { errorText } from "../errors";
import { ReadOnlyMessages } from "./ReadOnlyMessages";

const selectUsers = (s: State) => s.users;

/** The safeguarding view of one chat: read-only, newest page first, older pages on request (each read is audited). */
export function ChatReader({ chatId }: { chatId: number }) {
  const users = useStore(selectUsers);
  const [reading, setReading] = useState<ChatReading | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(before: number | null) {
    setBusy(true);
    setError(null);
    try {
      const page = await readChat(chatId, before);
      setReading(page);
      setMessages((current) => mergeMessages(current, page.messages));
      await ensureUsers([...page.members.map((m) => m.userId), ...page.messages.map((m) => m.senderId)]);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => void load(null), [chatId]);

  if (!reading) return error ? <p class="error" role="alert">{error}</p> : <p class="hint">{t("loading")}</p>;
  const chat = reading.chat;
  const names = reading.members.map((m) => users.get(m.userId)?.displayName ?? "…");
  const title = chat.kind === "direct" ? ta("directBetween", { names: names.join(", ") }) : chat.kind === "lobby" ? t("lobby") : chat.title;
  const kind = chat.kind === "direct" ? t("kindDirect") : chat.kind === "channel" ? t("kindChannel") : chat.kind === "lobby" ? t("kindLobby") : t("kindGroup");
  return (
    <section class="card chat-reader" aria-labelledby="reader-title">
      <h2 id="reader-title">{title}</h2>
      <p class="hint">{kind} · {ta("chatNumberIs", { id: chat.id })} · {t("members", { count: reading.members.length })}</p>
      {chat.kind !== "direct" && names.length > 0 && <p class="hint member-names">{names.slice(0, 30).join(", ")}{names.length > 30 ? " …" : ""}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {reading.hasMore && <button type="button" class="secondary" disabled={busy} onClick={() => void load(messages[0]?.seq ?? null)}>{ta("loadOlderMessages")}</button>}
      {messages.length === 0 ? <p class="hint">{ta("noMessages")}</p> : <ReadOnlyMessages messages={messages} users={users} label={ta("messagesOf", { title })} />}
    </section>
  );
}
