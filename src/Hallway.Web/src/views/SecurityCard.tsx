import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { disableTwoFactor, loadSecurity, newRecoveryCodes } from "../protocol/account";
import type { AccountSecurity } from "../protocol/types";
import { errorText } from "./errors";
import { RecoveryCodes } from "./RecoveryCodes";
import { TwoFactorSetup } from "./TwoFactorSetup";

type Flow = "none" | "setup" | "disable" | "codes";

/** Settings → Security: two-step sign-in on and off, and recovery codes (PROTOCOL.md §4.1). */
export function SecurityCard() {
  const [security, setSecurity] = useState<AccountSecurity | null>(null);
  const [flow, setFlow] = useState<Flow>("none");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const reload = () => void loadSecurity().then(setSecurity, (e) => setNote(errorText(e)));
  useEffect(reload, []);

  function finish(message: string | null, fresh?: string[]) {
    setFlow("none");
    setNote(message);
    if (fresh) setCodes(fresh);
    reload();
  }

  function start(next: Flow) {
    setNote(null);
    setFlow(next);
  }

  return (
    <section class="card security" aria-labelledby="security-title">
      <h2 id="security-title">{t("security")}</h2>
      {security && (
        <>
          <p class="security-state">{security.twoFactorEnabled ? t("twoFactorIsOn") : t("twoFactorIsOff")}</p>
          <p class="hint">{t("recoveryCodesLeft", { count: security.recoveryCodesLeft })}{security.recoveryCodesLeft === 0 && ` ${t("recoveryCodesNone")}`}</p>
        </>
      )}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : flow === "setup" ? (
        <TwoFactorSetup onDone={(fresh) => finish(t("twoFactorTurnedOn"), fresh)} onCancel={() => setFlow("none")} />
      ) : flow === "disable" ? (
        <ConfirmForm help={t("turnOffHelp")} submitLabel={t("turnOff")} askCode onSubmit={(password, code) => disableTwoFactor(password, code).then(() => finish(t("twoFactorTurnedOff")))} onCancel={() => setFlow("none")} />
      ) : flow === "codes" ? (
        <ConfirmForm help={`${t("newRecoveryCodesHelp")} ${t("confirmWithPassword")}`} submitLabel={t("newRecoveryCodes")} onSubmit={(password) => newRecoveryCodes(password).then((fresh) => finish(null, fresh))} onCancel={() => setFlow("none")} />
      ) : (
        security && (
          <div class="form-buttons wrap">
            {security.twoFactorEnabled ? (
              <button type="button" class="secondary" onClick={() => start("disable")}>{t("turnOffTwoFactor")}</button>
            ) : (
              <button type="button" class="primary" onClick={() => start("setup")}>{t("turnOnTwoFactor")}</button>
            )}
            <button type="button" class="secondary" onClick={() => start("codes")}>{t("newRecoveryCodes")}</button>
          </div>
        )
      )}
      <p class="form-note" role="status">{note}</p>
    </section>
  );
}

/** The password (and, to turn two-step sign-in off, a code) confirming a security change. */
function ConfirmForm(p: { help: string; submitLabel: string; askCode?: boolean; onSubmit(password: string, code: string): Promise<void>; onCancel(): void }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(password, code);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form class="inner-form" onSubmit={submit}>
      <p class="hint">{p.help}</p>
      <label>{t("password")}<input type="password" autoComplete="current-password" required autoFocus value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      {p.askCode && <label>{t("codeOrRecovery")}<input autoComplete="one-time-code" required maxLength={32} value={code} onInput={(e) => setCode(e.currentTarget.value)} /></label>}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>{p.submitLabel}</button>
        <button type="button" class="secondary" onClick={p.onCancel}>{t("cancel")}</button>
      </div>
    </form>
  );
}
