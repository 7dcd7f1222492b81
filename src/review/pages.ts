// Server-rendered HTML of the review desk: login, queue and document view (the document view's script is client-script.ts).
import type { StoredMetadata } from "./decide.js";
import { esc, format, messages, type Lang } from "./i18n.js";
import type { IndexEntry, QueueFilter, QueuePage } from "./queue-index.js";
import { CLIENT_SCRIPT } from "./client-script.js";

const STYLE = `body{font:15px system-ui,sans-serif;margin:0;color:#222}
header{background:#0b5;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center}
header a{color:#fff}header button{color:#fff;background:transparent;border:1px solid #fff}header .sp{flex:1}
main{padding:1rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
form.f{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
form.f label{display:flex;flex-direction:column;font-size:.85rem}
.reasons a{margin-right:.8rem}.msg{padding:.5rem;background:#fee;border:1px solid #c66}.ok{background:#efe;border-color:#6c6}
.doc{display:flex;gap:1rem}.viewer{flex:1;overflow:auto;max-height:85vh;border:1px solid #ccc;background:#eee}
.pg{position:relative;display:inline-block;margin:.5rem}
.pg img{display:block}.box{position:absolute;border:1px solid rgba(0,90,255,.35)}.box.hl{background:rgba(255,200,0,.45);border-color:#e80}
.side{width:30rem}.side input,.side select{width:100%;box-sizing:border-box;padding:.3rem}.low{color:#b00}.kbd{color:#666;font-size:.85rem}
button{padding:.4rem .8rem;margin:.2rem}button.primary{background:#0b5;color:#fff;border:0}`;

function shell(
  lang: Lang,
  title: string,
  body: string,
  user?: string,
  csrf?: string,
  path = "/queue",
): string {
  const t = messages(lang);
  const other = lang === "en" ? "vi" : "en";
  const sep = path.includes("?") ? "&" : "?";
  const logout =
    user && csrf
      ? `<span>${esc(user)}</span><form method="post" action="/logout" style="margin:0">` +
        `<input type="hidden" name="_csrf" value="${esc(csrf)}">` +
        `<button>${esc(t.logout)}</button></form>`
      : "";
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>
<header><a href="/queue?lang=${lang}"><b>${esc(t.title)}</b></a><span class="sp"></span>
<a href="${esc(path + sep)}lang=${other}">${esc(t.lang)}</a>${logout}</header><main>${body}</main></body></html>`;
}

export function loginView(lang: Lang, message?: string): string {
  const t = messages(lang);
  return shell(
    lang,
    t.login,
    `<h1>${esc(t.login)}</h1>${message ? `<p class="msg">${esc(message)}</p>` : ""}
<form method="post" action="/login" style="max-width:20rem"><p><label>${esc(t.user)}<br>
<input name="user" autocomplete="username" autofocus></label></p>
<p><label>${esc(t.password)}<br><input name="password" type="password" autocomplete="current-password"></label></p>
<button class="primary" type="submit">${esc(t.login)}</button></form>`,
    undefined,
    undefined,
    "/login",
  );
}

function select(
  name: string,
  label: string,
  values: string[],
  current: string | undefined,
  all: string,
): string {
  const opts = values
    .map((v) => `<option value="${esc(v)}"${v === current ? " selected" : ""}>${esc(v || "—")}</option>`)
    .join("");
  return `<label>${esc(label)}<select name="${name}"><option value="">${esc(all)}</option>${opts}</select></label>`;
}

export function queueView(
  lang: Lang,
  page: QueuePage,
  filter: QueueFilter,
  user: string,
  csrf: string,
  query: string,
  holder: (id: string) => string | undefined = () => undefined,
): string {
  const t = messages(lang);
  const f = page.facets;
  const qs = (extra: Record<string, string>) =>
    "?" + new URLSearchParams({ ...(filter as Record<string, string>), lang, ...extra }).toString();
  const reasons = page.reasons
    .map(([r, n]) => `<a href="${esc(qs({ reason: r }))}" data-reason="${esc(r)}">${esc(r)} <b>${n}</b></a>`)
    .join("");
  const rows = page.entries
    .map(
      (e, i) =>
        `<tr data-id="${esc(e.id)}"><td>${i + 1}</td><td><a href="/doc/${esc(e.id)}?lang=${lang}">${esc(e.file)}</a></td>` +
        `<td>${esc(e.batchId)}</td><td>${esc(e.unit)}</td><td>${esc(e.level)}</td><td>${esc(e.year)}</td><td>${esc(e.docType)}</td>` +
        `<td>${esc(e.reasons.join("; "))}</td><td class="held">${esc(holder(e.id) ?? "")}</td></tr>`,
    )
    .join("\n");
  const body = `<h1>${esc(t.queue)} <small id="total">${page.total}</small> ${esc(t.documents)}</h1>
<form class="f" method="get" action="/queue"><input type="hidden" name="lang" value="${lang}">
${select("batch", t.batch, f.batch, filter.batch, t.all)}${select("unit", t.unit, f.unit, filter.unit, t.all)}
${select("level", t.level, f.level, filter.level, t.all)}${select("year", t.year, f.year, filter.year, t.all)}
${select("docType", t.docType, f.docType, filter.docType, t.all)}${
    filter.reason
      ? `
<input type="hidden" name="reason" value="${esc(filter.reason)}">`
      : ""
  }
<button>${esc(t.filter)}</button></form>
<p class="reasons">${esc(t.reasons)}: ${reasons}</p>
${
  page.entries.length === 0
    ? `<p>${esc(t.empty)}</p>`
    : `<table id="queue"><thead><tr><th>#</th><th>${esc(t.file)}</th><th>${esc(t.batch)}</th>
<th>${esc(t.unit)}</th><th>${esc(t.level)}</th><th>${esc(t.year)}</th><th>${esc(t.docType)}</th>
<th>${esc(t.reason)}</th><th>${esc(t.heldCol)}</th></tr></thead><tbody>${rows}</tbody></table>`
}
<p class="kbd">${esc(t.keys)}</p>
<script>document.addEventListener("keydown",e=>{if(e.target.closest("input,select,textarea"))return;
if(e.key==="j"||e.key==="n"||e.key==="Enter"){const a=document.querySelector("#queue a");if(a)location.href=a.href}});</script>`;
  return shell(lang, t.queue, body, user, csrf, `/queue${query}`);
}

export function heldView(lang: Lang, holder: string, until: number): string {
  const t = messages(lang);
  const text = format(t.heldBy, {
    user: holder,
    until: new Date(until).toISOString().slice(11, 16) + " UTC",
  });
  return shell(
    lang,
    t.title,
    `<p class="msg" id="held">${esc(text)}</p><p><a href="/queue?lang=${lang}">${esc(t.back)}</a></p>`,
  );
}

export interface DocViewData {
  entry: IndexEntry;
  meta: StoredMetadata;
  pages: number;
  /** Field names per document type, from the extractor registry. */
  schemas: Record<string, string[]>;
  next?: string;
  prev?: string;
}

export function docView(lang: Lang, d: DocViewData, user: string, csrf: string): string {
  const t = messages(lang);
  const types = Object.keys(d.schemas).sort();
  const typeOptions = types
    .map((ty) => `<option${ty === d.meta.docType ? " selected" : ""}>${esc(ty)}</option>`)
    .join("");
  const data = {
    id: d.entry.id,
    pages: d.pages,
    csrf,
    lang,
    fields: d.meta.fields,
    schemas: d.schemas,
    docType: d.meta.docType,
    next: d.next,
    prev: d.prev,
    t,
  };
  const pages = Array.from(
    { length: d.pages },
    (_, i) =>
      `<div class="pg" data-page="${i}"><img alt="${esc(t.page)} ${i + 1}" ` +
      `src="/doc/${esc(d.entry.id)}/page/${i}.png"></div>`,
  ).join("");
  const body = `<h1>${esc(d.meta.file)} <small>${esc(t.version)} ${d.entry.version}</small></h1>
<p class="kbd">${esc(t.keys)} · <a href="/queue?lang=${lang}">${esc(t.back)}</a></p><div id="status" role="status"></div>
<div class="doc"><div class="viewer" id="viewer">${pages}</div><div class="side">
<form id="review"><p><label>${esc(t.docType)}<select id="docType" name="docType">${typeOptions}</select></label></p>
<table><thead><tr><th>${esc(t.field)}</th><th>${esc(t.value)}</th><th>${esc(t.confidence)}</th></tr></thead>
<tbody id="fields"></tbody></table>
<canvas id="crop" hidden style="max-width:100%;border:1px solid #e80"></canvas>
<p><b>${esc(t.reasons)}:</b> ${d.meta.reviewReasons.map((r) => `<span class="reason">${esc(r)}</span>`).join("; ")}</p>
<p><button type="button" id="zoomOut">${esc(t.zoomOut)}</button><button type="button" id="zoomIn">${esc(t.zoomIn)}</button>
<button type="button" id="rotate">${esc(t.rotate)}</button></p>
<p><button class="primary" type="submit" id="approve">${esc(t.approve)}</button>
<button type="button" id="exclude">${esc(t.exclude)}</button></p>
</form></div></div>
<script type="application/json" id="data">${JSON.stringify(data).replace(/</g, "\\u003c")}</script><script>${CLIENT_SCRIPT}</script>`;
  return shell(lang, d.meta.file, body, user, csrf, `/doc/${d.entry.id}`);
}
