import type { User } from "../../protocol/types";
import { SignedOutKey, start } from "../../state/session";
import { navigate } from "../router";

/** Starts the session a sign-in, registration or recovery answered, and opens the chats. */
export function enter(user: User): void {
  start(user);
  navigate("/", true);
}

/** Whether the server ended the last session on this tab (said once, then forgotten). */
export function takeSignedOutNotice(): boolean {
  const was = sessionStorage.getItem(SignedOutKey) === "1";
  sessionStorage.removeItem(SignedOutKey);
  return was;
}
