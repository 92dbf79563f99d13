export function AdminPage({ path }: { path: string }) {
  return <section class="settings">{path}</section>;
}
