import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import type { ResetLink } from "../../protocol/admin";
import { CopyButton } from "../CopyButton";
import { QrImage } from "../QrImage";
import { dateTime } from "./format";

/** A reset link, shown this once: the QR code to scan and the address to copy or write down. */
export function ResetLinkView({ link, name, onClose }: { link: ResetLink; name: string; onClose(): void }) {
  return (
    <div class="shown-once" role="region" aria-labelledby={`reset-link-${link.userId}`}>
      <h3 id={`reset-link-${link.userId}`}>{ta("resetLinkTitle", { name })}</h3>
      <p class="warning">{ta("resetLinkWarning", { name, time: dateTime(link.expiresAt) })}</p>
      <div class="reset-link">
        <QrImage svg={link.qrSvg} alt={ta("resetLinkQr", { name })} size={180} />
        <div class="reset-link-text">
          <code class="shown-code reset-url" data-url={link.absoluteUrl}>{link.absoluteUrl}</code>
          <CopyButton text={link.absoluteUrl} label={ta("copyLink")} />
        </div>
      </div>
      <button type="button" class="secondary" onClick={onClose}>{t("close")}</button>
    </div>
  );
}
