import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { recover } from "../../protocol/account";
import { errorText } from "../errors";
import { enter } from "./enter";

/** "Forgot your password?": a recovery code sets a new one and signs in (every other session ends). */
export function RecoverForm() {
  const [username, setUsername] = useState(() => new URLSearchParams(location.search).get("username") ?? "");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (password !== repeat) return setError(t("passwordsDiffer"));
    setBusy(true);
    setError(null);
    try {
      const answer = await recover(username, code, password);
      enter(answer.user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="auth-form" onSubmit={submit} aria-labelledby="recover-title">
      <p class="auth-help">{t("forgotHelp")}</p>
      <h2 id="recover-title">{t("recoverTitle")}</h2>
      <label>
        {t("username")}
        <input name="username" autoComplete="username" required minLength={3} maxLength={32} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t("recoveryCode")}
        <input name="recoveryCode" autoComplete="off" autoCapitalize="characters" spellcheck={false} required maxLength={32} placeholder="XXXX-XXXX-XXXX-XXXX" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      </label>
      <PasswordPair password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{t("recoverSubmit")}</button>
      <p class="auth-help">{t("noRecoveryCode")}</p>
    </form>
  );
}

/** A new password typed twice (recovery, reset links). */
export function PasswordPair(p: { password: string; repeat: string; setPassword(v: string): void; setRepeat(v: string): void }) {
  return (
    <>
      <label>
        {t("newPassword")}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={256} value={p.password} onInput={(e) => p.setPassword(e.currentTarget.value)} />
      </label>
      <label>
        {t("repeatPassword")}
        <input name="repeatPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={256} value={p.repeat} onInput={(e) => p.setRepeat(e.currentTarget.value)} />
      </label>
    </>
  );
}
