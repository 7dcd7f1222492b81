// Message templates: `{{name}}` placeholders filled from a report's data.

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Names of the placeholders in a template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills the placeholders; unknown ones stay as written so the tester can see them. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(PLACEHOLDER, (all, name: string) => (name in data ? String(data[name]) : all));
}
