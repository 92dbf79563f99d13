import { useEffect, useState } from "preact/hooks";
import { language, setLanguage, t, type Language } from "../i18n";
import { ApiError, del, get, patch, post } from "../protocol/api";
import type { Privacy, User, WhoCanFind, WhoCanMessage } from "../protocol/types";
import { useStore } from "../state/hooks";
import { loadPrivacy, savePrivacy } from "../state/session";
import { update, type State } from "../state/store";
import { navigate } from "./router";
import { AvatarPicker } from "./AvatarPicker";
import { setMyAvatar } from "../state/session";
import { SecurityCard } from "./SecurityCard";
import { notificationSupport } from "./notifications";

interface SessionView {
  id: number;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

const selectMe = (s: State) => s.me;
const selectPrivacy = (s: State) => s.privacy;

/** Account: profile, privacy, password, security, sessions, language and theme. */
export function SettingsPage() {
  const me = useStore(selectMe)!;
  return (
    <section class="settings" aria-labelledby="settings-title">
      <header class="pane-header">
        <button class="icon-button back" aria-label={t("back")} onClick={() => navigate("/")}>‹</button>
        <h1 id="settings-title">{t("settings")}</h1>
      </header>
      <div class="settings-body">
        <Profile me={me} />
        <PrivacyCard />
        <Password />
        <SecurityCard />
        <Sessions />
        <Appearance />
        <Notifications />
      </div>
    </section>
  );
}

function Profile({ me }: { me: User }) {
  const [name, setName] = useState(me.displayName);
  const [about, setAbout] = useState(me.about);
  const [note, setNote] = useState<string | null>(null);
  async function save(e: Event) {
    e.preventDefault();
    try {
      const user = await patch<User>("/api/me", { displayName: name, about });
      update((s) => (s.me = { ...s.me!, ...user }));
      setNote(t("saved"));
    } catch (error) {
      setNote(error instanceof ApiError ? error.message : String(error));
    }
  }
  return (
    <form class="card" onSubmit={save} aria-labelledby="profile-title">
      <h2 id="profile-title">{t("profile")}</h2>
      <AvatarPicker id={me.id} name={me.displayName} avatarId={me.avatarId} onChange={setMyAvatar} />
      <label>{t("displayName")}<input required maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label>{t("about")}<textarea maxLength={500} rows={3} value={about} onInput={(e) => setAbout(e.currentTarget.value)} /></label>
      <p class="form-note" role="status">{note}</p>
      <button type="submit" class="primary">{t("save")}</button>
    </form>
  );
}

/** Who may message me and who finds me; the server enforces both (PROTOCOL.md §4.2). */
function PrivacyCard() {
  const stored = useStore(selectPrivacy);
  const [draft, setDraft] = useState<Privacy | null>(stored);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => void loadPrivacy().catch((error) => setNote(error instanceof ApiError ? error.message : String(error))), []);
  // A change saved here or in another session (privacy.updated) replaces the form's values.
  useEffect(() => setDraft(stored), [stored]);
  async function save(e: Event) {
    e.preventDefault();
    if (!draft) return;
    try {
      await savePrivacy(draft);
      setNote(t("saved"));
    } catch (error) {
      setNote(error instanceof ApiError ? error.message : String(error));
    }
  }
  return (
    <form class="card" onSubmit={save} aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("privacy")}</h2>
      <label>{t("whoCanMessage")}
        <select disabled={!draft} value={draft?.whoCanMessage} onChange={(e) => draft && setDraft({ ...draft, whoCanMessage: e.currentTarget.value as WhoCanMessage })}>
          <option value="everyone">{t("privacyEveryone")}</option>
          <option value="contacts">{t("privacyContacts")}</option>
        </select>
      </label>
      <label>{t("whoCanFind")}
        <select disabled={!draft} value={draft?.whoCanFind} onChange={(e) => draft && setDraft({ ...draft, whoCanFind: e.currentTarget.value as WhoCanFind })}>
          <option value="everyone">{t("privacyEveryone")}</option>
          <option value="contacts">{t("privacyContacts")}</option>
          <option value="nobody">{t("privacyNobody")}</option>
        </select>
      </label>
      <p class="hint">{t("privacyHint")}</p>
      <p class="form-note" role="status">{note}</p>
      <button type="submit" class="primary" disabled={!draft}>{t("save")}</button>
    </form>
  );
}

function Password() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [note, setNote] = useState<string | null>(null);
  async function save(e: Event) {
    e.preventDefault();
    try {
      await post("/api/account/password", { currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      setNote(t("passwordChanged"));
    } catch (error) {
      setNote(error instanceof ApiError ? error.message : String(error));
    }
  }
  return (
    <form class="card" onSubmit={save} aria-labelledby="password-title">
      <h2 id="password-title">{t("changePassword")}</h2>
      <label>{t("currentPassword")}<input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} /></label>
      <label>{t("newPassword")}<input type="password" autoComplete="new-password" required minLength={8} value={next} onInput={(e) => setNext(e.currentTarget.value)} /></label>
      <p class="form-note" role="status">{note}</p>
      <button type="submit" class="primary">{t("changePassword")}</button>
    </form>
  );
}

function Sessions() {
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const load = () => void get<SessionView[]>("/api/sessions").then(setSessions);
  useEffect(load, []);
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("sessions")}</h2>
      <ul class="sessions" role="list">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>
              <strong>{describeAgent(s.userAgent)}</strong> {s.current && <em>({t("thisDevice")})</em>}
              <br />
              <small>{s.address ?? ""} · {new Date(s.lastUsedAt).toLocaleString(language)}</small>
            </span>
            {!s.current && <button class="secondary" onClick={() => void del(`/api/sessions/${s.id}`).then(load)}>{t("signOutSession")}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whether new messages can be announced by the browser, and why not on plain HTTP. */
function Notifications() {
  const [support, setSupport] = useState(notificationSupport);
  const text = {
    insecure: t("notificationsNeedHttps"),
    unsupported: t("notificationsUnsupported"),
    granted: t("notificationsOn"),
    denied: t("notificationsBlocked"),
    default: t("notificationsAsk"),
  }[support];
  return (
    <section class="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t("notifications")}</h2>
      <p class="form-note" data-testid="notifications-state" data-state={support}>{text}</p>
      {support === "default" && (
        <button type="button" class="secondary" onClick={() => void Notification.requestPermission().then(() => setSupport(notificationSupport()), () => setSupport(notificationSupport()))}>
          {t("notificationsTurnOn")}
        </button>
      )}
    </section>
  );
}

function Appearance() {
  const [theme, setTheme] = useState(localStorage.getItem("hallway.theme") ?? "system");
  function chooseTheme(value: string) {
    setTheme(value);
    if (value === "system") {
      localStorage.removeItem("hallway.theme");
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem("hallway.theme", value);
      document.documentElement.dataset.theme = value;
    }
  }
  return (
    <section class="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">{t("appearance")}</h2>
      <label>{t("languageLabel")}
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </select>
      </label>
      <label>{t("theme")}
        <select value={theme} onChange={(e) => chooseTheme(e.currentTarget.value)}>
          <option value="system">{t("themeSystem")}</option>
          <option value="light">{t("themeLight")}</option>
          <option value="dark">{t("themeDark")}</option>
        </select>
      </label>
    </section>
  );
}

function describeAgent(agent: string | null): string {
  if (!agent) return "?";
  const browser = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(agent)?.[1] ?? "Browser";
  const os = /(Windows|Android|iPhone|Mac OS X|Linux)/.exec(agent)?.[1] ?? "";
  return `${browser === "Edg" ? "Edge" : browser}${os ? " · " + os : ""}`;
}
