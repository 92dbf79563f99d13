import { fileUrl } from "../protocol/upload";
import { hue, initials } from "./names";

/** A round picture: the uploaded photo when there is one, else initials on the person's colour. */
export function Avatar({ id, name, online, size = 40, avatarId }: { id: number; name: string; online?: boolean; size?: number; avatarId?: number | null | undefined }) {
  return (
    <span class={`avatar${avatarId ? " has-photo" : ""}`} style={{ "--hue": hue(id), width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      {avatarId ? <img class="avatar-photo" src={fileUrl(avatarId)} alt="" width={size} height={size} loading="lazy" /> : initials(name)}
      {online ? <span class="presence-dot" /> : null}
    </span>
  );
}
