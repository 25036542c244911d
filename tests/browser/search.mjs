// A reader's search, key by key: opens a built veille site's home page in headless Chromium,
// types a query into the header search box, presses Enter, reads what the search page shows,
// then picks each given country in the page's country filter and reads the narrowed results.
// Prints one JSON object; tests/cli/search.rs checks it against the content files.
//
//   PLAYWRIGHT_CORE=.tools/node_modules/playwright-core CHROMIUM=/usr/bin/chromium \
//     node tests/browser/search.mjs http://127.0.0.1:PORT/archive/ Wagner Mali ...
//
// The site must be served over HTTP: search.js fetches its index, which Chromium refuses to a
// page opened from file://. CHROMIUM_FLAGS (space-separated) are the flags the Rust tests use.
import { createRequire } from "node:module";

const [home, query, ...countries] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: (process.env.CHROMIUM_FLAGS || "").split(" ").filter(Boolean),
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000); // each wait below fails after this, naming what it waited for
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(home);
  // Key by key into the header box; Enter submits its GET form to search.html?q=…
  await page.locator("#site-search-q").pressSequentially(query);
  await Promise.all([page.waitForURL(/\/search\.html\?q=/), page.keyboard.press("Enter")]);
  const typed = await results(page);

  // Picking a country fires "change": search.js searches again with the filter.
  const filtered = [];
  for (const country of countries) {
    await page.locator("#search-country").selectOption(country);
    filtered.push({ country, ...(await results(page)) });
  }
  console.log(JSON.stringify({ query, typed, filtered, errors }));
} finally {
  await browser.close();
}

// Waits for search.js to show a search's results (it sets data-shown on the list then, and
// clears it when the next search starts), and reads what the reader sees.
async function results(page) {
  await page.waitForFunction(() => document.getElementById("search-results").dataset.shown !== undefined);
  return page.evaluate(() => {
    const texts = (css) => [...document.querySelectorAll(css)].map((e) => e.textContent.trim());
    return {
      url: location.pathname + location.search,
      status: texts("#search-status")[0],
      titles: texts(".search-result h2"),
      marks: texts(".search-result mark"),
      more: !document.getElementById("search-more").hidden,
    };
  });
}
