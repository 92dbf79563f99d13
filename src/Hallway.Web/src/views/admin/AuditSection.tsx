import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { hasAdminKey, ta } from "../../i18n/admin";
import { audit, type AuditEntry } from "../../protocol/admin";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import type { State } from "../../state/store";
import { errorText } from "../errors";
import { dateTime } from "./format";

const PageSize = 50;
const selectUsers = (s: State) => s.users;

/** The audit log, newest first: who changed what (and who read which chat), 50 rows at a time. */
export function AuditSection() {
  const users = useStore(selectUsers);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(before: number | null) {
    setError(null);
    try {
      const page = await audit(before, PageSize);
      setEntries((current) => (before === null ? page : [...(current ?? []), ...page]));
      setMore(page.length === PageSize);
      await ensureUsers(page.filter((e) => e.targetType === "user" && e.targetId !== null).map((e) => e.targetId!));
    } catch (e) {
      setError(errorText(e));
    }
  }
  useEffect(() => void load(null), []);

  return (
    <section class="card" aria-labelledby="audit-title">
      <div class="card-head">
        <h2 id="audit-title">{ta("auditTitle")}</h2>
        <button type="button" class="secondary" onClick={() => void load(null)}>{ta("refresh")}</button>
      </div>
      <p class="hint">{ta("auditHelp")}</p>
      {error && <p class="error" role="alert">{error}</p>}
      {entries === null && !error && <p class="hint">{t("loading")}</p>}
      {entries?.length === 0 && <p class="hint">{ta("auditEmpty")}</p>}
      <ol class="admin-list audit" aria-label={ta("auditTitle")}>
        {entries?.map((e) => {
          const key = `audit_${e.action.replace(/\./g, "_")}`;
          const targetKey = `target_${e.targetType}`;
          const target = `${hasAdminKey(targetKey) ? ta(targetKey) : e.targetType}${e.targetId !== null ? ` #${e.targetId}` : ""}`;
          const targetName = e.targetType === "user" && e.targetId !== null ? users.get(e.targetId)?.username : undefined;
          const detail = Object.entries(e.detail).map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(" · ");
          return (
            <li key={e.id} class="audit-entry" data-action={e.action}>
              <div class="ro-meta">
                <strong>{hasAdminKey(key) ? ta(key) : e.action}</strong>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
              </div>
              <div class="hint">{ta("auditBy", { name: e.actorId === 0 ? ta("operator") : e.actorName })} · {target}{targetName ? ` (@${targetName})` : ""}</div>
              {detail && <code class="audit-detail">{detail}</code>}
            </li>
          );
        })}
      </ol>
      {more && <button type="button" class="secondary" onClick={() => void load(entries?.at(-1)?.id ?? null)}>{ta("loadMore")}</button>}
    </section>
  );
}
