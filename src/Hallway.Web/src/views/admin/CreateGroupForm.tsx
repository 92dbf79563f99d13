import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { createGroup, type AdminGroup, type AdminUser } from "../../protocol/admin";
import { errorText } from "../errors";
import { AdminUserPicker } from "./AdminUserPicker";

/** A group or channel made for someone (a teacher's class): its owner defaults to the admin. */
export function CreateGroupForm({ onCreated, onCancel }: { onCreated(group: AdminGroup): void; onCancel(): void }) {
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<"group" | "channel">("group");
  const [description, setDescription] = useState("");
  const [owner, setOwner] = useState<AdminUser | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await createGroup({ title, kind, description, ownerId: owner?.id ?? null, memberIds: [] }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form class="inner-form" onSubmit={submit} aria-labelledby="create-group-title">
      <h3 id="create-group-title">{ta("createGroup")}</h3>
      <div class="form-grid">
        <label>{t("title")}<input required autoFocus maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        <label>{t("chatKind")}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as "group" | "channel")}>
            <option value="group">{t("kindGroup")}</option>
            <option value="channel">{t("kindChannel")}</option>
          </select>
        </label>
      </div>
      <label>{t("description")}<textarea rows={2} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></label>
      <div class="owner-choice">
        <span class="hint">{owner ? ta("ownerIs", { name: `${owner.displayName} (@${owner.username})` }) : ta("ownerYou")}</span>
        {owner && <button type="button" class="plain-link" onClick={() => setOwner(null)}>{ta("ownerMe")}</button>}
      </div>
      <AdminUserPicker label={ta("pickOwner")} exclude={(u) => u.id === owner?.id} onPick={setOwner} />
      {error && <p class="error" role="alert">{error}</p>}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>{t("create")}</button>
        <button type="button" class="secondary" onClick={onCancel}>{t("cancel")}</button>
      </div>
    </form>
  );
}
