import { useState } from "preact/hooks";
import { t } from "../i18n";
import { enableTwoFactor, setUpTwoFactor } from "../protocol/account";
import type { TwoFactorSetup as Pending } from "../protocol/types";
import { errorText } from "./errors";
import { QrImage } from "./QrImage";

/** Turning two-step sign-in on: the password, then the QR code (or key) and a code to confirm it. */
export function TwoFactorSetup({ onDone, onCancel }: { onDone(recoveryCodes: string[]): void; onCancel(): void }) {
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(e: Event, step: () => Promise<void>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const buttons = (label: string) => (
    <div class="form-buttons">
      <button type="submit" class="primary" disabled={busy}>{label}</button>
      <button type="button" class="secondary" onClick={onCancel}>{t("cancel")}</button>
    </div>
  );

  if (!pending) {
    return (
      <form class="inner-form" onSubmit={(e) => run(e, async () => (setPending(await setUpTwoFactor(password)), setPassword("")))}>
        <p class="hint">{t("confirmWithPassword")}</p>
        <label>{t("password")}<input type="password" autoComplete="current-password" required autoFocus value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        {buttons(t("continue"))}
      </form>
    );
  }

  return (
    <form class="inner-form two-factor-setup" onSubmit={(e) => run(e, async () => onDone(await enableTwoFactor(code)))}>
      <p>{t("scanQr")}</p>
      <QrImage svg={pending.qrSvg} alt={t("qrAlt")} />
      <div class="secret-key">
        <span class="hint">{t("secretKey")}</span>
        <code class="secret" data-secret={pending.secret}>{pending.secret.match(/.{1,4}/g)!.join(" ")}</code>
      </div>
      <label>{t("codeNow")}<input autoComplete="one-time-code" inputMode="numeric" required maxLength={8} autoFocus value={code} onInput={(e) => setCode(e.currentTarget.value)} /></label>
      {error && <p class="error" role="alert">{error}</p>}
      {buttons(t("turnOn"))}
    </form>
  );
}
