import { useEffect, useRef } from "preact/hooks";
import { t } from "../../i18n";
import { ta, type AdminKey } from "../../i18n/admin";
import { useStore } from "../../state/hooks";
import type { State } from "../../state/store";
import { navigate } from "../router";
import { AuditSection } from "./AuditSection";
import { GroupsSection } from "./GroupsSection";
import { ReportsSection } from "./ReportsSection";
import { SafeguardingSection } from "./SafeguardingSection";
import { SettingsSection } from "./SettingsSection";
import { StatusSection } from "./StatusSection";
import { UsersSection } from "./UsersSection";

const Sections = ["status", "users", "groups", "reports", "safeguarding", "audit", "settings"] as const;
type Section = (typeof Sections)[number];

const selectMe = (s: State) => s.me;

/** /admin/{section}: the server's administration, for users whose role is admin (the server checks too). */
export function AdminPage({ path }: { path: string }) {
  const me = useStore(selectMe)!;
  const tabs = useRef<HTMLElement>(null);
  const [, , part = "", id] = path.split("/");
  const section: Section = (Sections as readonly string[]).includes(part) ? (part as Section) : "status";
  // On a phone the tabs scroll sideways: the current one is brought into view.
  useEffect(() => tabs.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" }), [section]);
  const header = (
    <header class="pane-header">
      <button class="icon-button back" aria-label={t("back")} onClick={() => navigate("/")}>‹</button>
      <h1 id="admin-title">{t("administration")}</h1>
    </header>
  );

  if (me.role !== "admin") {
    return (
      <section class="settings" aria-labelledby="admin-title">
        {header}
        <div class="settings-body">
          <p class="notice warning" role="alert">{ta("refused")}</p>
        </div>
      </section>
    );
  }

  const chatId = id !== undefined && /^\d+$/.test(id) ? Number(id) : null;
  return (
    <section class="settings admin" aria-labelledby="admin-title">
      {header}
      <nav class="admin-tabs" ref={tabs} aria-label={ta("sections")}>
        {Sections.map((s) => (
          <a key={s} href={`/admin/${s}`} aria-current={s === section ? "page" : undefined} onClick={(e) => (e.preventDefault(), navigate(`/admin/${s}`))}>
            {ta(`tab_${s}` as AdminKey)}
          </a>
        ))}
      </nav>
      <div class="settings-body admin-body">
        {section === "status" && <StatusSection />}
        {section === "users" && <UsersSection meId={me.id} />}
        {section === "groups" && <GroupsSection />}
        {section === "reports" && <ReportsSection />}
        {section === "safeguarding" && <SafeguardingSection key={chatId ?? 0} chatId={chatId} />}
        {section === "audit" && <AuditSection />}
        {section === "settings" && <SettingsSection />}
      </div>
    </section>
  );
}
