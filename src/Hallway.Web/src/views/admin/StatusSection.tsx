import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { status } from "../../protocol/admin";
import { bytes, count, dateTime } from "./format";
import { useLoaded } from "./useLoaded";

/** How the server is doing: accounts, groups, messages, connections, sizes on disk. */
export function StatusSection() {
  const s = useLoaded(status, []);
  const v = s.value;
  const tiles: [string, string, string?][] = v
    ? [
        [ta("statUsers"), count(v.users)],
        [ta("statDisabled"), count(v.disabledUsers)],
        [ta("statGuests"), count(v.guests)],
        [ta("statGroups"), count(v.groups)],
        [ta("statMessages"), count(v.messages)],
        [ta("statOnline"), count(v.onlineNow)],
        [ta("statSockets"), count(v.openSockets.total), ta("statSocketsDetail", { web: v.openSockets.webSocket, text: v.openSockets.text, connecting: v.text.connecting, school: v.openSockets.school })],
        [ta("statDatabase"), bytes(v.databaseBytes)],
        [ta("statFiles"), bytes(v.filesBytes)],
      ]
    : [];
  return (
    <section class="card" aria-labelledby="status-title">
      <div class="card-head">
        <h2 id="status-title">{ta("statusTitle")}</h2>
        <button type="button" class="secondary" onClick={s.reload}>{ta("refresh")}</button>
      </div>
      {s.error && <p class="error" role="alert">{s.error}</p>}
      {!v && !s.error && <p class="hint">{t("loading")}</p>}
      {v && (
        <>
          <dl class="stats">
            {tiles.map(([label, value, note]) => (
              <div class="stat" key={label}>
                <dt>{label}</dt>
                <dd>{value}{note && <small>{note}</small>}</dd>
              </div>
            ))}
          </dl>
          <p class="hint">{ta("statVersion", { version: v.version, time: dateTime(v.startedAt) })}</p>
        </>
      )}
    </section>
  );
}
