import { hue, initials } from "./names";

export function Avatar({ id, name, online, size = 40 }: { id: number; name: string; online?: boolean; size?: number }) {
  return (
    <span class="avatar" style={{ "--hue": hue(id), width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      {initials(name)}
      {online ? <span class="presence-dot" /> : null}
    </span>
  );
}
