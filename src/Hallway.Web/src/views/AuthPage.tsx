import { useState } from "preact/hooks";
import { t } from "../i18n";
import { takeSignedOutNotice } from "./auth/enter";
import { LoginForm } from "./auth/LoginForm";
import { RecoverForm } from "./auth/RecoverForm";
import { RegisterForm } from "./auth/RegisterForm";
import { useRegistrationMode } from "./auth/useRegistrationMode";
import { navigate } from "./router";

export type AuthMode = "login" | "register" | "forgot";

/** Sign in, register and "forgot password" on one page, switched by the address. */
export function AuthPage({ mode }: { mode: AuthMode }) {
  const registration = useRegistrationMode();
  const [signedOut] = useState(takeSignedOutNotice);
  const go = (path: string) => (e: Event) => (e.preventDefault(), navigate(path));

  return (
    <main class="auth">
      <div class="auth-card">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <h1 id="auth-title">{mode === "register" ? t("register") : mode === "forgot" ? t("forgot") : t("signIn")}</h1>
        {signedOut && mode === "login" && <p class="notice" role="status">{t("signedOutNotice")}</p>}
        {mode === "login" ? <LoginForm /> : mode === "register" ? <RegisterForm mode={registration} /> : <RecoverForm />}
        <nav class="auth-links">
          {mode !== "login" && <a href="/login" onClick={go("/login")}>{t("haveAccount")} {t("signIn")}</a>}
          {mode !== "register" && registration !== "closed" && <a href="/register" onClick={go("/register")}>{t("noAccount")} {t("register")}</a>}
          {mode === "login" && <a href="/forgot" onClick={go("/forgot")}>{t("forgot")}</a>}
          <a href="/help" onClick={go("/help")}>{t("help")}</a>
        </nav>
      </div>
    </main>
  );
}
