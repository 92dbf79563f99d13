import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { isChallenge, login, loginSecondStep } from "../../protocol/account";
import { errorCode, errorText } from "../errors";
import { enter } from "./enter";

/** The password step, then (for two-step accounts) the code step. ?username= prefills the name (printed sign-in cards). */
export function LoginForm() {
  const [username, setUsername] = useState(() => new URLSearchParams(location.search).get("username") ?? "");
  const [password, setPassword] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await login(username, password);
      if (isChallenge(answer)) {
        setPassword("");
        setChallenge(answer.challenge);
      } else {
        enter(answer.user);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (challenge !== null) return <SecondStep challenge={challenge} onRestart={(message) => (setChallenge(null), setError(message))} />;

  return (
    <form class="auth-form" onSubmit={submit} aria-labelledby="auth-title">
      <label>
        {t("username")}
        <input name="username" autoComplete="username" required minLength={3} maxLength={32} autoFocus={username === ""} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required autoFocus={username !== ""} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{t("signIn")}</button>
    </form>
  );
}

function SecondStep({ challenge, onRestart }: { challenge: string; onRestart(message: string | null): void }) {
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await loginSecondStep(challenge, recovery ? { recoveryCode: code } : { code });
      enter(answer.user);
    } catch (err) {
      // A challenge that expired (5 minutes), was dropped or predates a restart: the password again.
      if (errorCode(err) === "challenge_invalid") onRestart(errorText(err));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function switchKind() {
    setRecovery(!recovery);
    setCode("");
    setError(null);
  }

  return (
    <form class="auth-form" onSubmit={submit} aria-labelledby="two-step-title">
      <h2 id="two-step-title">{t("twoStepTitle")}</h2>
      <p class="auth-help">{recovery ? t("recoveryCodeHelp") : t("twoStepHelp")}</p>
      <label>
        {recovery ? t("recoveryCode") : t("authCode")}
        {recovery ? (
          <input key="recovery" name="recoveryCode" autoComplete="off" autoCapitalize="characters" spellcheck={false} required maxLength={32} autoFocus value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        ) : (
          <input key="code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={8} autoFocus value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        )}
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{t("signIn")}</button>
      <button type="button" class="plain-link" onClick={switchKind}>{recovery ? t("useAuthenticator") : t("useRecoveryCode")}</button>
      <button type="button" class="plain-link" onClick={() => onRestart(null)}>{t("startOver")}</button>
    </form>
  );
}
