import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";

type AdminModule = typeof import("./admin/AdminPage");
let loading: Promise<AdminModule> | null = null;

/** The admin panel is its own chunk: loaded when an admin first opens it, never for anyone else's first page. */
export function AdminRoute({ path }: { path: string }) {
  const [module, setModule] = useState<AdminModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void (loading ??= import("./admin/AdminPage")).then(setModule, () => ((loading = null), setFailed(true)));
  }, []);
  if (module) return <module.AdminPage path={path} />;
  return <section class="settings empty-state"><p>{failed ? t("errorNetwork") : t("loading")}</p></section>;
}
