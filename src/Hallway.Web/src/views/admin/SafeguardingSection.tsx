import { useState } from "preact/hooks";
import { ta } from "../../i18n/admin";
import { listGroups } from "../../protocol/admin";
import { navigate } from "../router";
import { ChatReader } from "./ChatReader";
import { useLoaded } from "./useLoaded";

/**
 * Reading any chat without joining it, for safeguarding. The notice stays on screen: every page
 * read is written to the audit log (chat.viewed) with the admin's name.
 */
export function SafeguardingSection({ chatId }: { chatId: number | null }) {
  const notice = <p class="notice warning" role="note">{ta("safeguardingNotice")}</p>;
  if (chatId !== null) {
    return (
      <>
        {notice}
        <a href="/admin/safeguarding" class="back-link" onClick={(e) => (e.preventDefault(), navigate("/admin/safeguarding"))}>‹ {ta("pickAnotherChat")}</a>
        <ChatReader chatId={chatId} />
      </>
    );
  }
  return (
    <>
      {notice}
      <ChatPicker />
    </>
  );
}

function ChatPicker() {
  const [number, setNumber] = useState("");
  const groups = useLoaded(listGroups, []);
  const open = (id: number) => navigate(`/admin/safeguarding/${id}`);
  return (
    <section class="card" aria-labelledby="pick-chat-title">
      <h2 id="pick-chat-title">{ta("safeguardingTitle")}</h2>
      <p class="hint">{ta("safeguardingHelp")}</p>
      <form class="panel-row" onSubmit={(e) => (e.preventDefault(), Number(number) > 0 && open(Number(number)))}>
        <label>{ta("chatNumber")}<input type="number" inputMode="numeric" min={1} required value={number} onInput={(e) => setNumber(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">{ta("openChat")}</button>
      </form>
      <h3>{ta("groupsAndChannels")}</h3>
      {groups.error && <p class="error" role="alert">{groups.error}</p>}
      <ul class="chat-links" role="list">
        {(groups.value ?? []).map((g) => (
          <li key={g.chat.id}>
            <a href={`/admin/safeguarding/${g.chat.id}`} onClick={(e) => (e.preventDefault(), open(g.chat.id))}>{g.chat.title}</a> <small class="hint">#{g.chat.id}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
