import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { listReports, resolveReport } from "../../protocol/admin";
import type { Report } from "../../protocol/types";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import type { State } from "../../state/store";
import { showToast } from "../../state/toasts";
import { ConfirmButton } from "../ConfirmButton";
import { errorText } from "../errors";
import { Markdown } from "../Markdown";
import { dateTime } from "./format";
import { ReportContext } from "./ReportContext";

const PageSize = 20;
const selectUsers = (s: State) => s.users;

/** Reported messages, newest first: open ones to decide on (dismiss, delete the message), resolved ones to look back at. */
export function ReportsSection() {
  const [state, setState] = useState<"open" | "resolved">("open");
  const [reports, setReports] = useState<Report[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(before: number | null) {
    setError(null);
    try {
      const page = await listReports(state, before, PageSize);
      setReports((current) => (before === null ? page : [...(current ?? []), ...page]));
      setMore(page.length === PageSize);
      await ensureUsers(page.flatMap((r) => [r.reporterId, r.message.senderId, ...(r.resolvedBy ? [r.resolvedBy] : [])]));
    } catch (e) {
      setError(errorText(e));
    }
  }
  useEffect(() => (setReports(null), void load(null)), [state]);

  return (
    <section class="card" aria-labelledby="reports-title">
      <div class="card-head">
        <h2 id="reports-title">{ta("reportsTitle")}</h2>
        <div class="segmented" role="group" aria-label={ta("reportsShow")}>
          <button type="button" aria-pressed={state === "open"} onClick={() => setState("open")}>{ta("reportsOpen")}</button>
          <button type="button" aria-pressed={state === "resolved"} onClick={() => setState("resolved")}>{ta("reportsResolved")}</button>
        </div>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {reports === null && !error && <p class="hint">{t("loading")}</p>}
      {reports?.length === 0 && <p class="hint">{state === "open" ? ta("noOpenReports") : ta("noResolvedReports")}</p>}
      <ul class="admin-list reports" role="list" aria-label={ta("reportsTitle")}>
        {reports?.map((r) => <ReportItem key={r.id} report={r} onResolved={() => void load(null)} />)}
      </ul>
      {more && <button type="button" class="secondary" onClick={() => void load(reports?.at(-1)?.id ?? null)}>{ta("loadMore")}</button>}
    </section>
  );
}

function ReportItem({ report: r, onResolved }: { report: Report; onResolved(): void }) {
  const users = useStore(selectUsers);
  const [context, setContext] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = (id: number | null) => (id === 0 ? ta("operator") : id === null ? "…" : (users.get(id)?.displayName ?? "…"));

  function resolve(action: "dismiss" | "delete_message") {
    setError(null);
    resolveReport(r.id, action).then(
      () => (showToast(action === "dismiss" ? ta("reportDismissed") : ta("messageDeletedNote")), onResolved()),
      (e) => setError(errorText(e)),
    );
  }

  return (
    <li class="report" data-report-id={r.id}>
      <p class="hint">{ta("reportedBy", { name: name(r.reporterId), time: dateTime(r.createdAt) })} · {ta("chatNumberIs", { id: r.chatId })}</p>
      <blockquote class="report-reason"><span class="visually-hidden">{ta("reasonLabel")}: </span>{r.reason}</blockquote>
      <div class="reported-message">
        <div class="ro-meta"><strong>{name(r.message.senderId)}</strong><time dateTime={r.message.createdAt}>{dateTime(r.message.createdAt)}</time></div>
        {r.message.deleted ? <em class="hint">{t("deleted")}</em> : <Markdown text={r.message.text || "—"} />}
      </div>
      {r.status === "resolved" ? (
        <p class="hint">{ta(r.resolution === "dismiss" ? "resolvedDismissed" : "resolvedDeleted", { name: name(r.resolvedBy), time: r.resolvedAt ? dateTime(r.resolvedAt) : "" })}</p>
      ) : (
        <div class="panel-actions">
          <button type="button" class="secondary" aria-expanded={context} onClick={() => setContext(!context)}>{context ? ta("hideContext") : ta("showContext")}</button>
          <button type="button" class="secondary" onClick={() => resolve("dismiss")}>{ta("dismiss")}</button>
          {!r.message.deleted && <ConfirmButton label={ta("deleteMessage")} question={ta("deleteMessageQuestion")} onConfirm={() => resolve("delete_message")} />}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {context && <ReportContext report={r} />}
    </li>
  );
}
