// Opens each given page of a built veille site in headless Chromium, then a search for words
// of the hostile articles' titles, and reports any sign that a script from the pages ran: a
// dialog (alert, confirm, prompt), `window.__pwned`, a navigation away from the site.
//
//   PLAYWRIGHT_CORE=… CHROMIUM=… node tests/browser/hostile.mjs http://127.0.0.1:PORT/archive/ articles/a.html …
//
// Prints {"visited": N, "results": shown search results, "ran": [what ran, where]}.
import { createRequire } from "node:module";

const [base, ...pages] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: (process.env.CHROMIUM_FLAGS || "").split(" ").filter(Boolean),
});
const ran = [];
let visited = 0;
let results = 0;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  page.on("dialog", async (dialog) => {
    ran.push(`${dialog.type()} on ${page.url()}`);
    await dialog.dismiss();
  });
  // Nothing leaves the machine: a request to another host is a script or a navigation at work.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith(base)) {
      ran.push(`request to ${url} from ${page.url()}`);
      return route.abort();
    }
    return route.continue();
  });
  const check = async (where) => {
    // Handlers like onerror and onload fire just after load; give them a moment.
    await page.waitForTimeout(150);
    // Hovering fires the handlers that need a person.
    for (const element of await page.locator("main p, main img, main div").all()) {
      await element.hover({ timeout: 1000 }).catch(() => {});
    }
    if (!page.url().startsWith(base)) ran.push(`navigated to ${page.url()} from ${where}`);
    if (await page.evaluate(() => window.__pwned !== undefined)) ran.push(`__pwned set on ${where}`);
    visited += 1;
  };
  for (const path of pages) {
    await page.goto(base + path);
    await check(path);
  }
  await page.goto(base + "search.html?q=" + encodeURIComponent("onerror"));
  await page.waitForFunction(() => document.getElementById("search-results").dataset.shown !== undefined);
  results = await page.locator(".search-result").count();
  await check("search.html");
  console.log(JSON.stringify({ visited, results, ran }));
} finally {
  await browser.close();
}
