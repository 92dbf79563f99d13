import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { register } from "../../protocol/account";
import type { RegistrationMode } from "../../protocol/types";
import { errorText } from "../errors";
import { enter } from "./enter";

/** Registration as the server's mode allows: open (an invite code optional), invite (required) or closed (none). */
export function RegisterForm({ mode }: { mode: RegistrationMode | null }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [inviteCode, setInviteCode] = useState("");
  const [haveInvite, setHaveInvite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (mode === "closed") return <p class="notice">{t("registrationClosed")}</p>;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await register(username, password, displayName, inviteCode);
      enter(answer.user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const askInvite = mode === "invite" || haveInvite;
  return (
    <form class="auth-form" onSubmit={submit} aria-labelledby="auth-title">
      {mode === "invite" && <p class="auth-help">{t("inviteHelp")}</p>}
      {askInvite && (
        <label>
          {t("inviteCode")}
          <input name="inviteCode" autoComplete="off" autoCapitalize="characters" spellcheck={false} required={mode === "invite"} maxLength={32} placeholder="XXXX-XXXX-XXXX" value={inviteCode} onInput={(e) => setInviteCode(e.currentTarget.value)} />
        </label>
      )}
      <label>
        {t("username")}
        <input name="username" autoComplete="username" required minLength={3} maxLength={32} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t("displayName")}
        <input name="displayName" autoComplete="name" maxLength={64} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{t("register")}</button>
      {mode !== "invite" && !haveInvite && <button type="button" class="plain-link" onClick={() => setHaveInvite(true)}>{t("haveInvite")}</button>}
    </form>
  );
}
