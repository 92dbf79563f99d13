import type { User } from "../../protocol/types";
import { SignedOutKey, start } from "../../state/session";
import { navigate } from "../router";

/** Starts the session a sign-in, registration or recovery answered, and opens the chats. */
export function enter(user: User): void {
  start(user);
  navigate("/", true);
}

/**
 * Whether the server ended the last session on this tab (said once, then forgotten). Only the
 * /login page that signOut loads takes it: the page being left renders signed out for a moment too.
 */
export function takeSignedOutNotice(): boolean {
  if (location.pathname !== "/login") return false;
  const was = sessionStorage.getItem(SignedOutKey) === "1";
  sessionStorage.removeItem(SignedOutKey);
  return was;
}
