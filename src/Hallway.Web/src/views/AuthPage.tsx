import { useState } from "preact/hooks";
import { t } from "../i18n";
import { ApiError, post } from "../protocol/api";
import type { User } from "../protocol/types";
import { start } from "../state/session";
import { navigate } from "./router";

/** Sign in, register and "forgot password" on one page, switched by the address. */
export function AuthPage({ mode }: { mode: "login" | "register" | "forgot" }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = mode === "register" ? { username, password, displayName: displayName || undefined } : { username, password };
      const result = await post<{ user: User }>(mode === "register" ? "/api/auth/register" : "/api/auth/login", body);
      start(result.user);
      navigate("/", true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <h1 id="auth-title">{mode === "register" ? t("register") : mode === "forgot" ? t("forgot") : t("signIn")}</h1>
        {mode === "forgot" ? (
          <p>{t("forgotHelp")}</p>
        ) : (
          <>
            <label>
              {t("username")}
              <input name="username" autoComplete="username" required minLength={3} maxLength={32} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
            </label>
            {mode === "register" && (
              <label>
                {t("displayName")}
                <input name="displayName" autoComplete="name" maxLength={64} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
              </label>
            )}
            <label>
              {t("password")}
              <input name="password" type="password" autoComplete={mode === "register" ? "new-password" : "current-password"} required minLength={mode === "register" ? 8 : 1} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            {error && <p class="error" role="alert">{error}</p>}
            <button type="submit" class="primary" disabled={busy}>
              {mode === "register" ? t("register") : t("signIn")}
            </button>
          </>
        )}
        <nav class="auth-links">
          {mode !== "login" && <a href="/login" onClick={(e) => (e.preventDefault(), navigate("/login"))}>{t("haveAccount")} {t("signIn")}</a>}
          {mode !== "register" && <a href="/register" onClick={(e) => (e.preventDefault(), navigate("/register"))}>{t("noAccount")} {t("register")}</a>}
          {mode === "login" && <a href="/forgot" onClick={(e) => (e.preventDefault(), navigate("/forgot"))}>{t("forgot")}</a>}
          <a href="/help" onClick={(e) => (e.preventDefault(), navigate("/help"))}>{t("help")}</a>
        </nav>
      </form>
    </main>
  );
}
