import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta, type AdminKey } from "../../i18n/admin";
import { listUsers, Roles, type AdminUser, type Role } from "../../protocol/admin";
import { showToast } from "../../state/toasts";
import { Avatar } from "../Avatar";
import { CreateUserForm } from "./CreateUserForm";
import { UserPanel } from "./UserPanel";
import { useLoaded } from "./useLoaded";

const PageSize = 25;


/** Every account: search, filters, pages of 25; creating accounts; each one's actions in its panel. */
export function UsersSection({ meId }: { meId: number }) {
  const [query, setQuery] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [disabled, setDisabled] = useState<"" | "true" | "false">("");
  // The "after" id of each page visited; the last is the page shown.
  const [pages, setPages] = useState<(number | null)[]>([null]);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const after = pages[pages.length - 1] ?? null;
  const list = useLoaded(() => listUsers({ query, role, disabled, after, limit: PageSize }), [query, role, disabled, after]);
  const users = list.value ?? [];
  const filter = (change: () => void) => (change(), setPages([null]), setOpen(null));

  function changed(user: AdminUser | null, removedName?: string) {
    if (user) list.set(users.map((u) => (u.id === user.id ? user : u)));
    else {
      showToast(ta("removedNote", { name: removedName ?? "" }));
      setOpen(null);
      list.reload();
    }
  }

  return (
    <section class="card" aria-labelledby="users-title">
      <div class="card-head">
        <h2 id="users-title">{ta("usersTitle")}</h2>
        <button type="button" class="primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>{ta("createAccount")}</button>
      </div>
      {creating && (
        <CreateUserForm
          onCreated={(u) => {
            setCreating(false);
            showToast(ta("accountCreated", { username: u.username }));
            list.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <div class="admin-filters">
        <label>{ta("searchUsers")}<input type="search" maxLength={64} value={query} onInput={(e) => filter(() => setQuery(e.currentTarget.value))} /></label>
        <label>{ta("roleFilter")}
          <select value={role} onChange={(e) => filter(() => setRole(e.currentTarget.value as Role | ""))}>
            <option value="">{ta("allRoles")}</option>
            {Roles.map((r) => <option key={r} value={r}>{ta(`role_${r}` as AdminKey)}</option>)}
          </select>
        </label>
        <label>{ta("stateFilter")}
          <select value={disabled} onChange={(e) => filter(() => setDisabled(e.currentTarget.value as "" | "true" | "false"))}>
            <option value="">{ta("everyone")}</option>
            <option value="false">{ta("enabledOnly")}</option>
            <option value="true">{ta("disabledOnly")}</option>
          </select>
        </label>
      </div>
      {list.error && <p class="error" role="alert">{list.error}</p>}
      <ul class="admin-list" role="list" aria-label={ta("usersTitle")}>
        {users.map((u) => (
          <li key={u.id} class={`admin-user${u.disabled ? " is-disabled" : ""}`} data-user-id={u.id}>
            <div class="admin-row">
              <Avatar id={u.id} name={u.displayName} avatarId={u.avatarId} size={36} />
              <span class="member-text">
                <span class="member-name">{u.displayName}{u.id === meId && ` (${t("you")})`}</span>
                <span class="member-status">@{u.username}</span>
              </span>
              <span class="chips">
                <span class={`role-chip role-${u.role}`}>{ta(`role_${u.role}` as AdminKey)}</span>
                {u.disabled && <span class="role-chip off">{ta("disabledChip")}</span>}
                {u.isGuest && <span class="role-chip">{ta("guestChip")}</span>}
              </span>
              <button type="button" class="secondary" aria-expanded={open === u.id} aria-label={ta("manageNamed", { name: u.displayName })} onClick={() => setOpen(open === u.id ? null : u.id)}>{ta("manage")}</button>
            </div>
            {open === u.id && <UserPanel user={u} self={u.id === meId} onChanged={(next) => changed(next, u.displayName)} />}
          </li>
        ))}
      </ul>
      {list.value && users.length === 0 && <p class="hint">{ta("noUsers")}</p>}
      <div class="pager">
        <button type="button" class="secondary" disabled={pages.length === 1} onClick={() => (setPages(pages.slice(0, -1)), setOpen(null))}>{ta("previousPage")}</button>
        <span class="hint">{ta("pageNumber", { n: pages.length })}</span>
        <button type="button" class="secondary" disabled={users.length < PageSize} onClick={() => (setPages([...pages, users.at(-1)!.id]), setOpen(null))}>{ta("nextPage")}</button>
      </div>
    </section>
  );
}
