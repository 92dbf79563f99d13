import { t } from "../i18n";
import { en, type Strings } from "../i18n/en";
import { ApiError } from "../protocol/api";
import { SocketError } from "../protocol/socket";

/** A server error in the reader's language when there is a string for its code, else its detail. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError || error instanceof SocketError) {
    const key = `error_${error.code}`;
    return key in en ? t(key as keyof Strings) : error.message;
  }

  return String(error);
}
