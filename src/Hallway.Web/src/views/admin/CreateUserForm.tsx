import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta, type AdminKey } from "../../i18n/admin";
import { createUser, Roles, type Role } from "../../protocol/admin";
import type { User } from "../../protocol/types";
import { errorText } from "../errors";


/** An account made by the admin (any registration mode), who hands the password over. */
export function CreateUserForm({ onCreated, onCancel }: { onCreated(user: User): void; onCancel(): void }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("student");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await createUser({ username, password, displayName: displayName.trim() || undefined, role }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form class="inner-form" onSubmit={submit} aria-labelledby="create-user-title">
      <h3 id="create-user-title">{ta("createAccount")}</h3>
      <div class="form-grid">
        <label>{ta("newUsername")}<input required autoFocus minLength={3} maxLength={32} autoComplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} /></label>
        <label>{ta("newDisplayName")}<input maxLength={64} autoComplete="off" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} /></label>
        <label>{ta("startPassword")}<input type="text" required minLength={8} maxLength={256} autoComplete="off" spellcheck={false} value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        <label>{ta("role")}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {Roles.map((r) => <option key={r} value={r}>{ta(`role_${r}` as AdminKey)}</option>)}
          </select>
        </label>
      </div>
      <p class="hint">{ta("startPasswordHelp")}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>{t("create")}</button>
        <button type="button" class="secondary" onClick={onCancel}>{t("cancel")}</button>
      </div>
    </form>
  );
}
