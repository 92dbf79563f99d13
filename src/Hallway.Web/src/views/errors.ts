import { t } from "../i18n";
import { en, type Strings } from "../i18n/en";
import { ApiError } from "../protocol/api";
import { SocketError } from "../protocol/socket";

/** A server error in the reader's language when there is a string for its code, else its detail. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError || error instanceof SocketError) {
    const key = `error_${error.code}`;
    const text = key in en ? t(key as keyof Strings) : error.message;
    // A lock or a rate limit says when to try again (Retry-After, in seconds).
    const wait = error instanceof ApiError ? error.retryAfter : null;
    return wait !== null && (error.code === "sign_in_locked" || error.code === "rate_limited") ? `${text} ${t("retryIn", { minutes: Math.max(1, Math.ceil(wait / 60)) })}` : text;
  }

  return String(error);
}

/** The error's code when the server refused (for choosing what to do next), else null. */
export const errorCode = (error: unknown): string | null => (error instanceof ApiError || error instanceof SocketError ? error.code : null);
