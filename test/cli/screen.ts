// A tiny terminal emulator for tests: what a person would see after a program's output, line by line.

/** Applies carriage returns, line clears and cursor-to-column moves; colours and cursor modes are ignored. */
export function screen(raw: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  let col = 0;
  const put = (ch: string) => {
    const line = lines[row]!.padEnd(col, " ");
    lines[row] = line.slice(0, col) + ch + line.slice(col + 1);
    col++;
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "\r") col = 0;
    else if (ch === "\n") {
      row++;
      lines[row] ??= "";
    } else if (ch === "\x1b") {
      const csi = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(raw.slice(i));
      if (csi) {
        const [all, arg, cmd] = csi;
        if (cmd === "K") lines[row] = arg === "2" ? "" : lines[row]!.slice(0, col);
        else if (cmd === "J") {
          lines[row] = lines[row]!.slice(0, col);
          lines.length = row + 1;
        } else if (cmd === "G") col = Math.max(0, Number(arg || 1) - 1);
        i += all!.length - 1;
      } else i += 1; // ESC 7 / ESC 8 (save and restore the cursor): no effect on text
    } else put(ch);
  }
  return lines.map((l) => l.trimEnd());
}
