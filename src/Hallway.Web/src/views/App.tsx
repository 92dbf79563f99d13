import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { useStore } from "../state/hooks";
import { onIncoming, resume, signOut } from "../state/session";
import type { State } from "../state/store";
import { AdminRoute } from "./AdminRoute";
import { AuthPage } from "./AuthPage";
import { ResetPage } from "./auth/ResetPage";
import { ChatInfo } from "./ChatInfo";
import { ChatList } from "./ChatList";
import { ContactsPage } from "./ContactsPage";
import { Conversation } from "./Conversation";
import { HelpPage } from "./HelpPage";
import { NewChatDialog } from "./NewChatDialog";
import { notifyIncoming, unreadTitle } from "./notifications";
import { navigate, usePath } from "./router";
import { SettingsPage } from "./SettingsPage";
import { Toasts } from "./Toasts";

const selectMe = (s: State) => s.me;
const selectConnection = (s: State) => s.connection;
const selectChats = (s: State) => s.chats;

export function App() {
  const path = usePath();
  const me = useStore(selectMe);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    onIncoming(notifyIncoming);
    // A reset link's page needs no session (and must not lose its #token to a redirect).
    if (location.pathname === "/reset") return setChecked(true);
    void resume().then((signedIn) => {
      setChecked(true);
      if (!signedIn && !isAuthPath(location.pathname)) navigate("/login", true);
      if (signedIn && isAuthPath(location.pathname)) navigate("/", true);
    });
  }, []);

  if (path === "/reset") return <ResetPage />;
  if (!checked) return null;
  if (!me && path === "/help") return <main class="standalone"><HelpPage /></main>;
  if (!me) return <AuthPage mode={path === "/register" ? "register" : path === "/forgot" ? "forgot" : "login"} />;
  return <Shell path={path} />;
}

function Shell({ path }: { path: string }) {
  const connection = useStore(selectConnection);
  const chats = useStore(selectChats);
  const me = useStore(selectMe)!;
  const [newChat, setNewChat] = useState(false);
  const match = /^\/chats\/(\d+)(\/info)?$/.exec(path);
  const openId = match ? Number(match[1]) : null;
  const info = match?.[2] !== undefined;
  const page = path === "/settings" ? <SettingsPage /> : path === "/help" ? <HelpPage /> : path === "/contacts" ? <ContactsPage /> : isAdminPath(path) ? <AdminRoute path={path} /> : null;

  useEffect(() => {
    document.title = unreadTitle(chats);
  }, [chats]);

  return (
    <div class={`shell${openId !== null || page ? " has-open-chat" : ""}`}>
      <a class="skip-link" href="#main-pane" onClick={skipToMain}>{t("skipToMessages")}</a>
      {connection !== "live" && (
        <div class="banner" role="status">
          {t("reconnecting")}
        </div>
      )}
      <aside class="sidebar">
        <ChatList openId={openId} onNewChat={() => setNewChat(true)} />
        <footer class="sidebar-footer">
          <span class="me-name">{me.displayName}</span>
          {me.role === "admin" && <a class="admin-link" href="/admin" onClick={(e) => (e.preventDefault(), navigate("/admin"))}>{t("administration")}</a>}
          <a href="/settings" onClick={(e) => (e.preventDefault(), navigate("/settings"))}>{t("settings")}</a>
          <a href="/help" onClick={(e) => (e.preventDefault(), navigate("/help"))}>{t("help")}</a>
          <button class="secondary" onClick={() => void signOut()}>{t("signOut")}</button>
        </footer>
      </aside>
      <main class={`main-pane${info ? " with-info" : ""}`} id="main-pane" tabIndex={-1}>
        {page ?? (openId !== null ? <Conversation key={openId} chatId={openId} /> : <section class="conversation empty-state"><p>{t("noChatSelected")}</p></section>)}
        {!page && openId !== null && info && <ChatInfo key={`info-${openId}`} chatId={openId} />}
      </main>
      {newChat && <NewChatDialog meId={me.id} onClose={() => setNewChat(false)} />}
      <Toasts />
    </div>
  );
}

const isAuthPath = (p: string) => p === "/login" || p === "/register" || p === "/forgot";
const isAdminPath = (p: string) => p === "/admin" || p.startsWith("/admin/");

/** The skip link lands where one types (or reads) rather than at the top of the pane. */
function skipToMain(e: Event): void {
  e.preventDefault();
  document.querySelector<HTMLElement>(".main-pane .composer textarea, .main-pane .messages, .main-pane")?.focus();
}
