import { useEffect, useState } from "preact/hooks";
import { language, t } from "../../i18n";
import { readResetLink, resetPassword } from "../../protocol/account";
import type { ResetLinkInfo } from "../../protocol/types";
import { errorText } from "../errors";
import { PasswordPair } from "./RecoverForm";

/**
 * /reset#token=...: an admin-issued reset link. The token is after '#', so opening the link never
 * sends it to the server; this page reads it, names the account and sets the new password. It
 * needs no session and does not sign in.
 */
export function ResetPage() {
  const [token] = useState(() => new URLSearchParams(location.hash.slice(1)).get("token"));
  const [info, setInfo] = useState<ResetLinkInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : t("resetMissing"));
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (token) void readResetLink(token).then(setInfo, (err) => setProblem(errorText(err)));
  }, [token]);

  async function submit(e: Event) {
    e.preventDefault();
    if (password !== repeat) return setError(t("passwordsDiffer"));
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token!, password);
      // The link is used up: keep it out of the address bar and the history.
      history.replaceState(null, "", "/reset");
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const signIn = `/login${info ? `?username=${encodeURIComponent(info.username)}` : ""}`;
  return (
    <main class="auth">
      <div class="auth-card">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <h1 id="auth-title">{t("resetTitle")}</h1>
        {done ? (
          <p class="notice" role="status">{t("resetDone")}</p>
        ) : problem ? (
          <p class="error" role="alert">{problem}</p>
        ) : !info ? (
          <p class="auth-help">{t("loading")}</p>
        ) : (
          <form class="auth-form" onSubmit={submit} aria-labelledby="auth-title">
            <p class="auth-help">{t("resetFor", { username: info.username, time: new Date(info.expiresAt).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" }) })}</p>
            <input type="text" name="username" autoComplete="username" value={info.username} readOnly hidden />
            <PasswordPair password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
            {error && <p class="error" role="alert">{error}</p>}
            <button type="submit" class="primary" disabled={busy}>{t("resetSubmit")}</button>
            <p class="auth-help">{t("resetTwoFactorNote")}</p>
          </form>
        )}
        <nav class="auth-links">
          <a href={signIn}>{t("signIn")}</a>
          <a href="/help">{t("help")}</a>
        </nav>
      </div>
    </main>
  );
}
