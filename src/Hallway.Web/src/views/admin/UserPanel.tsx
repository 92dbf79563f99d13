import { useState } from "preact/hooks";
import { ta, type AdminKey } from "../../i18n/admin";
import { disableUser, enableUser, removeUser, resetLink, Roles, setUserPassword, setUserRole, turnOffTwoFactor, type AdminUser, type ResetLink, type Role } from "../../protocol/admin";
import { ConfirmButton } from "../ConfirmButton";
import { errorText } from "../errors";
import { ResetLinkView } from "./ResetLinkView";


/** One account's actions: role, disable/enable, password, reset link, two-step sign-in off, removal. */
export function UserPanel({ user, self, onChanged }: { user: AdminUser; self: boolean; onChanged(user: AdminUser | null): void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState("");
  const [link, setLink] = useState<ResetLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const name = user.displayName;

  function run<T>(action: () => Promise<T>, done: (value: T) => string | null) {
    setError(null);
    setNote(null);
    action().then((value) => setNote(done(value)), (e) => setError(errorText(e)));
  }

  return (
    <div class="user-panel" role="region" aria-label={ta("manageNamed", { name })}>
      <form class="panel-row" onSubmit={(e) => (e.preventDefault(), run(() => setUserRole(user.id, role), (u) => (onChanged({ ...user, ...u }), ta("roleSet", { name, role: ta(`role_${u.role}` as AdminKey) }))))}>
        <label>{ta("role")}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {Roles.map((r) => <option key={r} value={r}>{ta(`role_${r}` as AdminKey)}</option>)}
          </select>
        </label>
        <button type="submit" class="secondary" disabled={role === user.role}>{ta("setRole")}</button>
      </form>

      {!user.isGuest && (
        <form class="panel-row" onSubmit={(e) => (e.preventDefault(), run(() => setUserPassword(user.id, password), () => (setPassword(""), ta("passwordSet", { name }))))}>
          <label>{ta("newPasswordFor", { name })}<input type="text" required minLength={8} maxLength={256} autoComplete="off" spellcheck={false} value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
          <button type="submit" class="secondary">{ta("setPassword")}</button>
        </form>
      )}

      <div class="panel-actions">
        {!user.isGuest && <button type="button" class="secondary" onClick={() => run(() => resetLink(user.id), (l) => (setLink(l), null))}>{ta("makeResetLink")}</button>}
        {!self && (user.disabled ? (
          <button type="button" class="secondary" onClick={() => run(() => enableUser(user.id), (u) => (onChanged(u), ta("enabledNote", { name })))}>{ta("enable")}</button>
        ) : (
          <ConfirmButton label={ta("disable")} question={ta("disableQuestion", { name })} onConfirm={() => run(() => disableUser(user.id), (u) => (onChanged(u), ta("disabledNote", { name })))} />
        ))}
        {user.twoFactor && <ConfirmButton label={ta("turnOffTwoFactor")} question={ta("turnOffTwoFactorQuestion", { name })} onConfirm={() => run(() => turnOffTwoFactor(user.id), () => (onChanged({ ...user, twoFactor: false }), ta("twoFactorOffNote", { name })))} />}
        {!self && <ConfirmButton label={ta("removeAccount")} question={ta("removeQuestion", { name })} onConfirm={() => run(() => removeUser(user.id), () => (onChanged(null), null))} />}
      </div>

      {link && <ResetLinkView link={link} name={name} onClose={() => setLink(null)} />}
      {error && <p class="error" role="alert">{error}</p>}
      <p class="form-note" role="status">{note}</p>
    </div>
  );
}
