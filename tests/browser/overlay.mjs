// What a person previewing with `veille serve` sees when a save breaks the build: opens the
// home page, breaks a file, waits for the overlay, screenshots it, mends the file, waits for the
// page to reload, and looks again.
//
//   PLAYWRIGHT_CORE=… CHROMIUM=… node tests/browser/overlay.mjs URL FILE BROKEN_TEXT SCREENSHOT
//
// FILE is overwritten with BROKEN_TEXT, then restored to what it held. Prints
// {"before": overlay at first, "shown": overlay text after the break, "after": overlay after the mend}.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";

const [url, file, broken, screenshot] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: (process.env.CHROMIUM_FLAGS || "").split(" ").filter(Boolean),
});
const overlay = (page) => page.evaluate(() => {
  const element = document.getElementById("veille-build-error");
  return element ? element.textContent : null;
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(url);
  // The event stream is open once the server said "connected"; give it a moment.
  await page.waitForTimeout(300);
  const before = await overlay(page);
  const good = readFileSync(file, "utf8");
  writeFileSync(file, broken);
  await page.waitForSelector("#veille-build-error");
  const shown = await overlay(page);
  await page.screenshot({ path: screenshot });
  const reloaded = page.waitForEvent("load");
  writeFileSync(file, good);
  await reloaded;
  await page.waitForTimeout(300);
  const after = await overlay(page);
  console.log(JSON.stringify({ before, shown, after }));
} finally {
  await browser.close();
}
