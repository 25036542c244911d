// Opens each given search URL of a served veille site in headless Chromium, waits for search.js
// to show that search's results, and reads the status line. Prints one JSON array of
// {"url", "status", "shown"} (shown: the number of results listed), with the reloads it needed. Unlike --dump-dom with a
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
  // What the page could not fetch: named when a search never shows its results.
  const failed = [];
  page.on("requestfailed", (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => response.status() >= 400 && failed.push(`${response.url()}: ${response.status()}`));
  page.on("console", (message) => message.type() === "error" && failed.push(`console: ${message.text()}`));
  const seen = [];
  const retries = [];
  for (const url of urls) {
    // search.js sometimes never finishes listing a big search: the count is shown, but one of
    // the result-metadata fetches stays pending (issue #14, cause not found). The page is
    // loaded again, at most twice, and the retries are reported.
    for (let attempt = 1; ; attempt++) {
      await page.goto(url);
      try {
        // search.js sets data-shown on the list once a search's results are in place.
        await page.waitForFunction(
          () => document.getElementById("search-results").dataset.shown !== undefined,
          null,
          { timeout: 20000 },
        );
        break;
      } catch (error) {
        const status = await page.evaluate(() => document.getElementById("search-status")?.textContent);
        const why = `${url}: no results shown (status ${JSON.stringify(status)}; failed: ${JSON.stringify(failed)}; errors: ${JSON.stringify(errors)})`;
        if (attempt === 3) throw new Error(`${why}: ${error.message}`);
        retries.push(why);
      }
    }
    seen.push(await page.evaluate(() => ({
      url: location.pathname + location.search,
      status: document.getElementById("search-status").textContent.trim(),
      shown: document.querySelectorAll(".search-result").length,
    })));
  }
  console.log(JSON.stringify({ seen, errors, retries }));
} finally {
  await browser.close();
}
