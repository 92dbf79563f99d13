import { t } from "../i18n";
import { CopyButton } from "./CopyButton";

/** Freshly made recovery codes, shown this once: a warning, the list, a copy button and "saved". */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  return (
    <div class="shown-once" role="region" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title">{t("recoveryCodesTitle")}</h3>
      <p class="warning">{t("recoveryCodesWarning")}</p>
      <ol class="recovery-codes" aria-label={t("recoveryCodesList")}>
        {codes.map((code) => <li key={code}><code>{code}</code></li>)}
      </ol>
      <div class="form-buttons">
        <CopyButton text={codes.join("\n")} label={t("copyCodes")} />
        <button type="button" class="primary" onClick={onDone}>{t("savedThem")}</button>
      </div>
    </div>
  );
}
