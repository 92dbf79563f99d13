import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta, type AdminKey } from "../../i18n/admin";
import { createInvite, listInvites, revokeInvite, type Invite } from "../../protocol/admin";
import { CopyButton } from "../CopyButton";
import { errorText } from "../errors";
import { dateTime } from "./format";
import { useLoaded } from "./useLoaded";

const ValidFor = [24, 72, 168, 720, 2160, 8760];

/** Invite codes: made with a number of uses, a lifetime and a role; the code is shown once; revoked when no longer wanted. */
export function InvitesCard() {
  const invites = useLoaded(listInvites, []);
  const [uses, setUses] = useState("30");
  const [hours, setHours] = useState("168");
  const [role, setRole] = useState<Invite["role"]>("student");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function create(e: Event) {
    e.preventDefault();
    setError(null);
    createInvite({ maxUses: Number(uses), expiresInHours: Number(hours), role }).then((answer) => (setCreated(answer.code), invites.reload()), (err) => setError(errorText(err)));
  }

  function revoke(id: number) {
    setError(null);
    revokeInvite(id).then(invites.reload, (err) => setError(errorText(err)));
  }

  return (
    <section class="card" aria-labelledby="invites-title">
      <h2 id="invites-title">{ta("invitesTitle")}</h2>
      <p class="hint">{ta("invitesHelp")}</p>
      <form class="form-grid" onSubmit={create} aria-label={ta("createInvite")}>
        <label>{ta("inviteUses")}<input type="number" inputMode="numeric" min={1} max={1000} step={1} required value={uses} onInput={(e) => setUses(e.currentTarget.value)} /></label>
        <label>{ta("inviteValidFor")}
          <select value={hours} onChange={(e) => setHours(e.currentTarget.value)}>
            {ValidFor.map((h) => <option key={h} value={String(h)}>{ta(`validFor_${h}` as AdminKey)}</option>)}
          </select>
        </label>
        <label>{ta("inviteRole")}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Invite["role"])}>
            <option value="student">{ta("role_student")}</option>
            <option value="teacher">{ta("role_teacher")}</option>
          </select>
        </label>
        <button type="submit" class="primary">{ta("createInvite")}</button>
      </form>
      {created && (
        <div class="shown-once" role="region" aria-labelledby="invite-code-title">
          <h3 id="invite-code-title">{ta("inviteCodeTitle")}</h3>
          <p class="warning">{ta("inviteCodeWarning")}</p>
          <code class="invite-code shown-code">{created}</code>
          <div class="form-buttons">
            <CopyButton text={created} label={ta("copyCode")} />
            <button type="button" class="secondary" onClick={() => setCreated(null)}>{t("done")}</button>
          </div>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {invites.error && <p class="error" role="alert">{invites.error}</p>}
      {invites.value?.length === 0 && <p class="hint">{ta("noInvites")}</p>}
      <ul class="admin-list" role="list" aria-label={ta("invitesList")}>
        {invites.value?.map((i) => (
          <li key={i.id} class="invite" data-invite-id={i.id}>
            <div class="admin-row">
              <span class="member-text">
                <span class="member-name">{ta("inviteName", { id: i.id, role: ta(`role_${i.role}` as AdminKey) })}</span>
                <span class="member-status">{ta("inviteUsed", { used: i.usedCount, max: i.maxUses })} · {ta("inviteExpires", { time: dateTime(i.expiresAt) })}</span>
              </span>
              <span class={`role-chip invite-${i.status}`}>{ta(`invite_${i.status}` as AdminKey)}</span>
              {i.status === "active" && <button type="button" class="secondary" aria-label={ta("revokeNamed", { id: i.id })} onClick={() => revoke(i.id)}>{ta("revoke")}</button>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
