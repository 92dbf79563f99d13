import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { readChat } from "../../protocol/admin";
import type { Message, Report } from "../../protocol/types";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import type { State } from "../../state/store";
import { errorText } from "../errors";
import { navigate } from "../router";
import { ReadOnlyMessages } from "./ReadOnlyMessages";

const selectUsers = (s: State) => s.users;
const Around = 2;

/** The reported message with the two before and after it, read through the (audited) safeguarding view. */
export function ReportContext({ report }: { report: Report }) {
  const users = useStore(selectUsers);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    readChat(report.chatId, report.message.seq + Around + 1, Around * 2 + 1).then(
      (page) => (setMessages(page.messages), void ensureUsers(page.messages.map((m) => m.senderId))),
      (e) => setError(errorText(e)),
    );
  }, [report.id]);

  return (
    <div class="report-context">
      <p class="notice warning" role="note">{ta("contextNotice")}</p>
      {error && <p class="error" role="alert">{error}</p>}
      {messages === null && !error ? <p class="hint">{t("loading")}</p> : messages && <ReadOnlyMessages messages={messages} users={users} label={ta("contextLabel")} highlight={report.messageId} />}
      <a href={`/admin/safeguarding/${report.chatId}`} onClick={(e) => (e.preventDefault(), navigate(`/admin/safeguarding/${report.chatId}`))}>{ta("openWholeChat")}</a>
    </div>
  );
}
