// Opens each given search URL of a served veille site in headless Chromium, waits for search.js
// to show that search's results, and reads the status line. Prints one JSON array of
// {"url", "status", "shown"} (shown: the number of results listed). Unlike --dump-dom with a
// virtual time budget, it waits in real time for the index files, however many it fetches.
//
//   PLAYWRIGHT_CORE=… CHROMIUM=… node tests/browser/query.mjs 'http://127.0.0.1:PORT/archive/search.html?q=a+b' ...
import { createRequire } from "node:module";

const urls = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: (process.env.CHROMIUM_FLAGS || "").split(" ").filter(Boolean),
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60000); // a big index on a busy 2-core machine
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const seen = [];
  for (const url of urls) {
    await page.goto(url);
    // search.js sets data-shown on the list once a search's results are in place.
    await page.waitForFunction(() => document.getElementById("search-results").dataset.shown !== undefined);
    seen.push(await page.evaluate(() => ({
      url: location.pathname + location.search,
      status: document.getElementById("search-status").textContent.trim(),
      shown: document.querySelectorAll(".search-result").length,
    })));
  }
  console.log(JSON.stringify({ seen, errors }));
} finally {
  await browser.close();
}
