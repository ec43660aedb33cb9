// The search page (/tim-kiem/): a small UI over Pagefind's JavaScript API (no Pagefind UI bundle).
// Pagefind is loaded on first use; a search runs after a pause in typing (a longer one inside a lexicon
// phrase), on Enter, or when a filter changes; results are fetched ten at a time. The query is prepared to meet the hidden keys pages carry
// (sitegen/search_terms.py): "đ" folded in symbol-like words ("04/QĐ-UBND" -> "04/QD-UBND"), lexicon phrases
// rewritten to their key, tone placement unified ("uỷ" -> "ủy") so the exact-diacritics bonus goes to the
// spelling the bulletin uses.

const form = document.getElementById("tim-kiem");
const input = form.elements.namedItem("q");
const selects = [...form.querySelectorAll("select")];
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const text = JSON.parse(document.getElementById("search-strings").textContent);
const base = form.dataset.base;

const PAGE_SIZE = 10;
const PAUSE_MS = 300;
// A pause inside a lexicon phrase ("uy ban nh" on the way to "uy ban nhan dan") waits longer: the words of a
// phrase are the genre's most common, and a search for them alone downloads one large index chunk per word and
// shard (~0.5 MB each at 10,000 pages: megabytes), which the phrase's key does not (bench/README.md).
const PHRASE_PAUSE_MS = 1200;
const MIN_CHARS = 2; // while typing; Enter searches for anything
// Metadata weights: the page's own symbol first, then its title; what citing pages say about a document the
// bulletin does not publish (cfold, ckeys) below any full text; display-only fields do not rank.
const RANKING = {
  metaWeights: { sym: 12, tkeys: 6, title: 5, issuer: 3, fold: 2, keys: 1, cfold: 0.5, ckeys: 0.25, name: 0, type: 0,
                 number: 0, date: 0, author: 0, note: 0 },
};

// A page's date is indexed as ISO ("2022-03-08", "2023") and shown by the official rule (Nghị định
// 30/2020/NĐ-CP): day below 10 and months 1, 2 with a leading zero, as lists show it: "08/3/2022".
export function shownDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const mm = month ? (month <= 2 ? `0${month}` : `${month}`) : "";
  if (!month) return `${year}`;
  return day ? `${String(day).padStart(2, "0")}/${mm}/${year}` : `${mm}/${year}`;
}

let pagefind = null;
let shards = [""]; // the bundles the index is split into, under the bundle folder (pagefind/shards.json)
let dates = null;
let results = [];
let shown = 0;
let marks = []; // [folded query word, how it matches an excerpt word: "symbol" | "prefix" | "word"]
let generation = 0;
let timer = 0;

// A large bulletin's index is split into shards (sitegen/pipeline/search/shards.py), each a Pagefind bundle:
// the first is loaded, the others merged into it. noWorker: Pagefind's worker script repeats the search code
// already in pagefind.js (41 KB more before the first result); the index is small enough for the page's thread.
function loadPagefind() {
  pagefind ??= (async () => {
    const manifest = await fetch(form.dataset.bundle + "shards.json").then((r) => (r.ok ? r.json() : {}), () => ({}));
    if (Array.isArray(manifest.shards) && manifest.shards.length) shards = manifest.shards;
    const pf = await import(form.dataset.bundle + shards[0] + "pagefind.js");
    const options = { baseUrl: base, excerptLength: 26, ranking: RANKING, noWorker: true };
    await pf.options(options);
    await Promise.all(shards.slice(1).map((folder) => pf.mergeIndex(form.dataset.bundle + folder, options)));
    return pf;
  })();
  return pagefind;
}

// Pagefind sorts each bundle on its own and merges bundles by score, so a search sorted by date over several
// shards is sorted here, by the date each shard lists for its pages (fragment -> "2021-03-06").
function loadDates() {
  dates ??= Promise.all(shards.map((folder) => fetch(form.dataset.bundle + folder + "dates.json").then((r) => r.json())))
    .then((tables) => Object.assign({}, ...tables));
  return dates;
}

async function sortedByDate(found, direction) {
  const table = await loadDates();
  const sign = direction === "asc" ? 1 : -1;
  const date = (r) => table[r.id] ?? "";
  return [...found].sort((a, b) => sign * date(a).localeCompare(date(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// --- query ----------------------------------------------------------------------------------------
const TONES = "\u0300\u0301\u0303\u0309\u0323";
const NEW_TONE = new RegExp(
  `(?<![qQ])([oOuU])(?:(?<=[oO])([aAeE])|(?<=[uU])([yY]))([${TONES}])(?![\\p{L}\\p{N}]|[\\u0300-\\u036f])`, "gu");
const SYMBOL_LIKE = /^[\p{L}\p{N}]*\p{N}?[\p{L}\p{N}]*[-/][\p{L}\p{N}/-]+$/u;

export function unifyTones(s) {
  return s.normalize("NFD").replace(NEW_TONE, (_, v, a, y, tone) => v + tone + (a || y)).normalize("NFC");
}

export function fold(s) {
  return s.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

const isSymbol = (word) => SYMBOL_LIKE.test(word) && /\p{L}/u.test(word);

export function prepare(raw) {
  const words = unifyTones(raw.normalize("NFC")).split(/\s+/).filter(Boolean);
  return words.map((w) => (isSymbol(w) ? w.replace(/đ/g, "d").replace(/Đ/g, "D") : w)).join(" ");
}

const compact = (s) => fold(s).replace(/[^\p{L}\p{N}]/gu, "");
// A symbol's number may be typed with or without its leading zero: compare without it.
const queryKey = (w) => (isSymbol(w) ? compact(w).replace(/^0+(?=\d)/, "") : compact(w));

// Lexicon phrases become their one-per-page key ("uy ban nhan dan" -> "_kuybannhandan", "UBND" too): Pagefind's
// entry for a common word lists every position on every page, a key's entry one per page (search_terms.py).
const PHRASES = new Set(text.phrases);
const LONGEST = Math.max(2, ...text.phrases.map((p) => p.split(" ").length));

// The query's words in order, each run of lexicon phrase words as one segment, longest first: [start, length].
function segments(words, folded) {
  const out = [];
  for (let i = 0; i < words.length; ) {
    let n = Math.min(LONGEST, words.length - i);
    while (n >= 2 && (words.slice(i, i + n).some(isSymbol) || !PHRASES.has(folded.slice(i, i + n).join(" ")))) n--;
    out.push([i, Math.max(n, 1)]);
    i += Math.max(n, 1);
  }
  return out;
}

export function rewrite(query) {
  const words = query.split(" ").filter(Boolean);
  const folded = words.map(compact);
  return segments(words, folded).map(([i, n]) => {
    if (n >= 2) return text.key_prefix + folded.slice(i, i + n).join("");
    if (isSymbol(words[i])) return text.symbol_prefix + folded[i]; // the keys of a symbol's pages
    return text.aliases[folded[i]] ?? words[i];
  }).join(" ");
}

// Whether the query ends inside a lexicon phrase: its last words, after the last whole phrase, begin one
// ("uy ban nh", "nghi"); the last word may be cut short.
export function midPhrase(raw) {
  const words = prepare(raw).split(" ").filter(Boolean);
  const folded = words.map(compact);
  const parts = segments(words, folded);
  let from = 0;
  for (const [i, n] of parts) if (n >= 2) from = i + n;
  for (let i = Math.max(from, words.length - LONGEST); i < words.length; i++) {
    if (words.slice(i).some(isSymbol)) continue;
    const tail = folded.slice(i).join(" ");
    if (tail && text.phrases.some((p) => p.length > tail.length && p.startsWith(tail))) return true;
  }
  return false;
}

// Pagefind leaves out a query word its index does not hold ("a b" finds pages with "b" when "a" is nowhere);
// a shard without "a" would so answer "a b" with pages that lack "a". Over several shards, each word is also
// searched alone, and only pages found by every word are kept, as one bundle would.
async function allWords(pf, words, options, results) {
  if (shards.length < 2 || words.length < 2) return results;
  const alone = await Promise.all(words.map((w) => pf.search(w, { filters: options.filters })));
  const sets = alone.map((found) => new Set((found?.results ?? []).map((r) => r.id)));
  return results.filter((r) => sets.every((set) => set.has(r.id)));
}

async function runSearch(pf, query, options) {
  const key = query && rewrite(query);
  const [direction] = Object.values(options.sort ?? {});
  const merged = shards.length > 1 && direction;
  const asked = merged ? { ...options, sort: undefined } : options;
  let words = key ? key.split(" ") : [];
  let found = await pf.search(key || null, asked);
  if (key !== query && !found?.results.length) { // the phrase split up
    words = query.split(" ");
    found = await pf.search(query, asked);
  }
  const results = await allWords(pf, words, asked, found?.results ?? []);
  return merged ? sortedByDate(results, direction) : results;
}

// --- results --------------------------------------------------------------------------------------
function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content) node.textContent = content;
  return node;
}

function plainText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";
}

// Mark excerpt words that fold to a query word (the last one may be a prefix; a symbol may sit inside a
// longer one): Pagefind marks only what it matched in the text, so misses "Đảng" found through "dang" and
// phrases found through their key.
function isMarked(word) {
  return marks.some(([k, how]) => (how === "symbol" ? word.includes(k) : how === "prefix" ? word.startsWith(k) : word === k));
}

function highlighted(excerpt) {
  const out = element("p", "search-excerpt");
  for (const part of plainText(excerpt).split(/(\s+)/)) {
    const key = compact(part);
    const hit = key && isMarked(key);
    out.append(hit ? element("mark", "", part) : document.createTextNode(part));
  }
  return out;
}

function resultItem(data) {
  const meta = data.meta ?? {};
  const path = data.url.startsWith(base) ? data.url.slice(base.length) : data.url;
  const kind = path.startsWith("van-ban/") ? "van-ban" : path.startsWith("tin-bai/") ? "tin-bai" : "trang";
  const item = element("li", `search-result search-${kind}`);
  const line = element("p", "search-meta");
  if (meta.type) line.append(element("span", kind === "van-ban" ? "badge" : "badge badge-news", meta.type));
  const details = [];
  if (meta.number) details.push(element("span", "symbol", meta.number));
  if (meta.date) details.push(element("span", "search-date", shownDate(meta.date)));
  if (meta.issuer || meta.author) details.push(element("span", "search-issuer", meta.issuer || meta.author));
  if (meta.note) details.push(element("span", "stub-mark", `(${meta.note})`));
  details.forEach((node, i) => line.append(i ? " · " : " ", node));
  const title = element("h3", "search-title");
  const link = element("a", "", meta.name || meta.title || path);
  link.href = data.url;
  title.append(link);
  item.append(line, title, highlighted(data.excerpt ?? ""));
  return item;
}

async function showMore(run) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (run !== generation) return;
  list.append(...data.map(resultItem));
  shown += batch.length;
  moreButton.hidden = shown >= results.length;
}

// --- state ----------------------------------------------------------------------------------------
function readForm() {
  const filters = {};
  for (const s of selects) if (s.name !== "sap-xep" && s.value) filters[s.name] = s.value;
  const order = form.elements.namedItem("sap-xep").value;
  const sort = order === "moi" ? { date: "desc" } : order === "cu" ? { date: "asc" } : undefined;
  return { query: prepare(input.value), filters, sort };
}

function syncUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const s of selects) if (s.value) params.set(s.name, s.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function setStatus(message, busy = false) {
  statusLine.textContent = message;
  form.setAttribute("aria-busy", busy ? "true" : "false");
}

async function search() {
  clearTimeout(timer);
  const run = ++generation;
  const { query, filters, sort } = readForm();
  const asked = input.value;
  syncUrl();
  delete form.dataset.shown;
  if (!query && !Object.keys(filters).length) {
    results = [];
    list.replaceChildren();
    moreButton.hidden = true;
    setStatus(text.prompt);
    form.dataset.shown = asked;
    return;
  }
  setStatus(text.loading, true);
  const started = performance.now();
  try {
    const pf = await loadPagefind();
    const found = await runSearch(pf, query, { filters, sort });
    if (run !== generation) return;
    const words = query.split(" ");
    marks = words.map((w, i) => [queryKey(w), isSymbol(w) ? "symbol" : i === words.length - 1 ? "prefix" : "word"]);
    marks = marks.filter(([k]) => k);
    results = found;
    shown = 0;
    list.replaceChildren();
    await showMore(run);
    if (run !== generation) return;
    setStatus(results.length ? text.count.replace("{n}", results.length) : text.none);
    form.dataset.ms = String(Math.round(performance.now() - started));
    form.dataset.shown = asked; // tests wait for this: the list shows the results of `asked`
  } catch (error) {
    console.error(error);
    if (run === generation) setStatus(text.failed);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  const length = input.value.trim().length;
  if (length === 0 || length >= MIN_CHARS) {
    const pause = midPhrase(input.value) ? PHRASE_PAUSE_MS : PAUSE_MS;
    form.dataset.pause = String(pause); // tests read which wait was chosen
    timer = setTimeout(search, pause);
  }
});
for (const s of selects) s.addEventListener("change", search);
moreButton.addEventListener("click", () => showMore(generation));

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
for (const s of selects) {
  const value = params.get(s.name);
  if (value && [...s.options].some((o) => o.value === value)) s.value = value;
}
if ([...params.keys()].length) search();
