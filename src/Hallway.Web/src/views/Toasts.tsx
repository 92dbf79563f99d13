import { t } from "../i18n";
import { useStore } from "../state/hooks";
import type { State } from "../state/store";
import { dismissToast } from "../state/toasts";

const selectToasts = (s: State) => s.toasts;

/** Confirmations at the bottom of the screen, read out politely and gone after a few seconds. */
export function Toasts() {
  const toasts = useStore(selectToasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} class="toast">
          <span>{toast.text}</span>
          <button type="button" class="icon-button" aria-label={t("close")} onClick={() => dismissToast(toast.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
