// Runs one search in headless Chromium over the DevTools protocol and prints what it cost:
// bytes the page fetched from search/ (the index) for that query, requests, and the time
// search.js took to rank once its shards had arrived (data-elapsed-ms, real clock).
//
//   node --experimental-websocket bench/search_query.mjs http://127.0.0.1:PORT/search.html?q=word
//
// The page is loaded once without a query first, so page, CSS and JS are not counted.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const url = process.argv[2];
const port = 9300 + Math.floor(Math.random() * 500);
const profile = mkdtempSync(join(tmpdir(), "veille-cdp-"));
const chromium = spawn("/usr/bin/chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--no-first-run", `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank",
], { stdio: "ignore" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let target;
for (let i = 0; i < 100 && !target; i++) {
  await sleep(100);
  try {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    target = list.find((t) => t.type === "page");
  } catch {}
}
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener("open", r));
let id = 0;
const pending = new Map();
const requests = new Map();
let bytes = 0, count = 0;
ws.addEventListener("message", (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
  if (msg.method === "Network.requestWillBeSent") requests.set(msg.params.requestId, msg.params.request.url);
  if (msg.method === "Network.loadingFinished") {
    const u = requests.get(msg.params.requestId) || "";
    if (u.includes("/search/")) { bytes += msg.params.encodedDataLength; count += 1; }
  }
});
const send = (method, params = {}) => new Promise((r) => {
  pending.set(++id, r);
  ws.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expr) => (await send("Runtime.evaluate", { expression: expr, returnByValue: true })).result.value;

await send("Network.enable");
await send("Network.setCacheDisabled", { cacheDisabled: true });
await send("Page.enable");
await send("Page.navigate", { url: url.split("?")[0] });
await sleep(1000);
bytes = 0; count = 0;
const started = Date.now();
await send("Page.navigate", { url });
let shown = "";
for (let i = 0; i < 300 && !shown; i++) {
  await sleep(50);
  try {
    shown = await evaluate("String(document.getElementById('search-results')?.dataset.shown || '')");
  } catch {}
}
const wall = Date.now() - started;
await sleep(300);
const elapsed = await evaluate("document.getElementById('search-results').dataset.elapsedMs");
const status = await evaluate("document.getElementById('search-status').textContent");
console.log(JSON.stringify({ url, status, shown: Number(shown), index_bytes: bytes, index_requests: count, rank_ms: Number(elapsed), page_to_results_ms: wall }));
ws.close();
chromium.kill();
await sleep(200);
rmSync(profile, { recursive: true, force: true });
process.exit(0);
