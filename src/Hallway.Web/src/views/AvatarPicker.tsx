import { useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { uploadFile } from "../protocol/upload";
import { Avatar } from "./Avatar";
import { squareAvatar } from "./imaging";
import { uploadErrorText } from "./uploadErrors";

interface Props {
  /** Colour and initials when there is no photo (a user's or a chat's id and name). */
  id: number;
  name: string;
  avatarId: number | null | undefined;
  size?: number;
  /** Stores the new photo (a file id) or removes it (null): PUT/DELETE …/avatar. */
  onChange(fileId: number | null): Promise<unknown>;
}

/**
 * Change or remove a photo: the picked image is cropped to its centre square and scaled to 256 px
 * in the browser, uploaded, then handed to onChange. Used for the profile and for groups.
 */
export function AvatarPicker({ id, name, avatarId, onChange, size = 72 }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setNote(null);
    try {
      await action();
    } catch (error) {
      setNote(uploadErrorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function choose(file: File) {
    await run(async () => {
      let square: Blob;
      try {
        square = await squareAvatar(file);
      } catch {
        throw new Error("not_an_image");
      }
      const stored = await uploadFile(square, square.type === "image/webp" ? "avatar.webp" : "avatar.jpg", null, () => undefined).done;
      await onChange(stored.id);
    });
  }

  return (
    <div class="avatar-picker">
      <Avatar id={id} name={name} avatarId={avatarId} size={size} />
      <div class="avatar-picker-actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => input.current?.click()}>{avatarId ? t("changePhoto") : t("addPhoto")}</button>
        {avatarId ? <button type="button" class="secondary" disabled={busy} onClick={() => void run(() => onChange(null))}>{t("removePhoto")}</button> : null}
        <p class="form-note" role="status">{busy ? t("uploading") : note}</p>
      </div>
      <input ref={input} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden aria-label={t("changePhoto")} data-testid="avatar-input" onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = "";
        if (file) void choose(file);
      }} />
    </div>
  );
}
