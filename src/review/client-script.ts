// The document view's little script: fields by schema, word boxes, zoom, turning, keyboard, and posting the decision.
export const CLIENT_SCRIPT = String.raw`(() => {
const D = JSON.parse(document.getElementById("data").textContent);
const $ = (s) => document.querySelector(s);
const tbody = $("#fields"), viewer = $("#viewer"), status = $("#status");
let zoom = 1, current = 0; const turns = {}; const words = {};
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
function renderFields(type) {
  const keep = {};
  tbody.querySelectorAll("input").forEach((i) => { keep[i.name] = i.value; });
  const names = [...new Set([...(D.schemas[type] || []), ...(type === D.docType ? Object.keys(D.fields) : [])])];
  tbody.innerHTML = names.map((n) => {
    const f = D.fields[n]; const v = keep[n] !== undefined ? keep[n] : (f ? f.value : "");
    const c = f ? Math.round(f.confidence * 100) + "%" : "";
    const low = f && (f.confidence < 0.8 || !f.valid) ? " class=low" : "";
    const why = f && f.issues ? f.issues.join("; ") : "";
    return "<tr><td><label for=f_" + esc(n) + ">" + esc(n) + "</label></td><td><input id=f_" + esc(n) + " name=\"" + esc(n) +
      "\" value=\"" + esc(v) + "\" title=\"" + esc(why) + "\"></td><td" + low + ">" + c + "</td></tr>";
  }).join("");
}
renderFields(D.docType);
$("#docType").addEventListener("change", (e) => { renderFields(e.target.value); status.textContent = D.t.typeChanged; });
function place(i) {
  const pg = viewer.querySelector("[data-page='" + i + "']"); const img = pg.querySelector("img");
  if (!img.naturalWidth) return;
  const w = img.naturalWidth * zoom, h = img.naturalHeight * zoom;
  img.style.width = w + "px"; img.style.transform = "rotate(" + 90 * (turns[i] || 0) + "deg)";
  pg.querySelectorAll(".box").forEach((b) => b.remove());
  if ((turns[i] || 0) % 4 !== 0) return;
  for (const wd of words[i] || []) {
    const b = document.createElement("div"); b.className = "box"; b.dataset.text = wd.t;
    Object.assign(b.style, { left: wd.x * w + "px", top: wd.y * h + "px", width: wd.w * w + "px", height: wd.h * h + "px" });
    pg.appendChild(b);
  }
}
viewer.querySelectorAll(".pg").forEach((pg) => {
  const i = Number(pg.dataset.page); const img = pg.querySelector("img");
  pg.addEventListener("click", () => { current = i; });
  fetch("/doc/" + D.id + "/words/" + i + ".json").then((r) => r.ok ? r.json() : []).then((w) => { words[i] = w; place(i); });
  img.addEventListener("load", () => place(i));
});
const all = () => viewer.querySelectorAll(".pg").forEach((pg) => place(Number(pg.dataset.page)));
$("#zoomIn").onclick = () => { zoom *= 1.25; all(); };
$("#zoomOut").onclick = () => { zoom /= 1.25; all(); };
const rotate = () => { turns[current] = ((turns[current] || 0) + 1) % 4; place(current); };
$("#rotate").onclick = rotate;
const norm = (s) => s.toLowerCase().normalize("NFC").replace(/[.,;:()]/g, "");
tbody.addEventListener("focusin", (e) => {
  const v = norm(e.target.value || ""); const toks = v.split(/\s+/).filter((x) => x.length > 1);
  let first = null;
  viewer.querySelectorAll(".box").forEach((b) => {
    const hit = toks.length > 0 && toks.includes(norm(b.dataset.text)); b.classList.toggle("hl", hit); if (hit && !first) first = b;
  });
  if (first) first.scrollIntoView({ block: "center", inline: "center" });
  crop(first);
});
// The place a field was read, large: handwritten numbers and days are checked against this crop.
function crop(box) {
  const c = $("#crop"); c.hidden = !box; if (!box) return;
  const pg = box.parentElement, img = pg.querySelector("img"), k = img.naturalWidth / img.clientWidth;
  // The first place the value was read (its line and the next), not every repeat of its words on the page.
  const near = (b) => Math.abs(b.offsetTop - box.offsetTop) < 2.5 * box.offsetHeight;
  const hl = [...pg.querySelectorAll(".box.hl")].filter(near)
    .map((b) => [b.offsetLeft, b.offsetTop, b.offsetLeft + b.offsetWidth, b.offsetTop + b.offsetHeight]);
  const x0 = Math.min(...hl.map((r) => r[0])) - 8, y0 = Math.min(...hl.map((r) => r[1])) - 8;
  const w = Math.max(...hl.map((r) => r[2])) + 8 - x0, h = Math.max(...hl.map((r) => r[3])) + 8 - y0;
  const scale = Math.min(3, 460 / w);
  c.width = w * scale; c.height = h * scale;
  c.getContext("2d").drawImage(img, x0 * k, y0 * k, w * k, h * k, 0, 0, c.width, c.height);
}
async function decide(action) {
  const fields = {}; tbody.querySelectorAll("input").forEach((i) => { fields[i.name] = i.value; });
  const body = { action, docType: $("#docType").value, fields, turns };
  status.textContent = "…";
  const r = await fetch("/doc/" + D.id + "/decision", { method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": D.csrf },
    body: JSON.stringify(body) });
  const out = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) { status.className = "msg"; status.textContent = out.error || r.statusText; return; }
  status.className = "msg ok"; status.textContent = D.t.saved.replace("{version}", out.version);
  location.href = out.next ? "/doc/" + out.next + "?lang=" + D.lang : "/queue?lang=" + D.lang;
}
$("#review").addEventListener("submit", (e) => { e.preventDefault(); decide("approve"); });
$("#exclude").onclick = () => decide("exclude");
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); decide("approve"); return; }
  if (e.target.closest("input,select,textarea") || e.ctrlKey || e.altKey || e.metaKey) return;
  const go = (id) => { if (id) location.href = "/doc/" + id + "?lang=" + D.lang; };
  if (e.key === "j" || e.key === "n") go(D.next);
  else if (e.key === "k") go(D.prev);
  else if (e.key === "a") decide("approve");
  else if (e.key === "r") rotate();
  else if (e.key === "+") $("#zoomIn").click();
  else if (e.key === "-") $("#zoomOut").click();
});
})();`;
