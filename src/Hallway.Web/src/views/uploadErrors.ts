import { t } from "../i18n";
import { ApiError } from "../protocol/api";

/** A translated sentence for a failed upload or file action; unknown codes keep the server's words. */
export function uploadErrorText(error: unknown): string {
  const code = error instanceof ApiError ? error.code : error instanceof Error ? error.message : "";
  switch (code) {
    case "file_too_large":
      return t("errorFileTooLarge");
    case "bad_upload":
    case "bad_preview":
      return t("errorBadUpload");
    case "not_an_image":
    case "invalid_image":
      return t("errorNotImage");
    case "network":
      return t("errorNetwork");
    default:
      return error instanceof ApiError && error.message ? error.message : t("errorUpload");
  }
}
