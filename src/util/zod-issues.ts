// The one formatter of zod issues: a path (`targets.commune[1].addPoints`) or a CLI option (`--max-pages`) with its message.

/** What the formatter reads of a zod issue (zod 3 and 4 alike). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export interface IssueFormat {
  /** "path": `targets.commune[1].addPoints`; "option": `--max-pages`. @defaultValue "path" */
  style?: "path" | "option";
  /** What an empty path is called. @defaultValue "(root)" */
  root?: string;
}

/** The issue's place: a dotted path with [index] for array items, or the kebab-case option flag. */
export function issuePath(path: readonly PropertyKey[], format: IssueFormat = {}): string {
  if (format.style === "option") {
    return path.length
      ? `--${path
          .map(String)
          .join(".")
          .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      : (format.root ?? "(root)");
  }
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || (format.root ?? "(root)");
}

/** One `place: message` string per issue. */
export function formatIssues(issues: readonly IssueLike[], format: IssueFormat = {}): string[] {
  return issues.map((i) => `${issuePath(i.path, format)}: ${i.message}`);
}
