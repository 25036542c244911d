// Opens built pages from disk in headless Chromium, saves a screenshot of each, and measures
// what a person sees of the pictures: the timeline's size and drawn bars, the network's
// circles inside its frame and labels that overlap.
//
//   PLAYWRIGHT_CORE=… CHROMIUM=… node tests/browser/pictures.mjs SHOTS_DIR file:///…/index.html …
//
// Prints one JSON object per page, in a list.
import { createRequire } from "node:module";

const [shots, ...urls] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: (process.env.CHROMIUM_FLAGS || "").split(" ").filter(Boolean),
});
const report = [];
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
  for (const [i, url] of urls.entries()) {
    await page.goto(url);
    const shot = `${shots}/${i}.png`;
    await page.screenshot({ path: shot, fullPage: true });
    report.push(await page.evaluate(() => {
      const box = (e) => e.getBoundingClientRect();
      const timeline = document.querySelector("svg.timeline");
      const network = document.querySelector("svg.network");
      const out = { url: location.href };
      if (timeline) {
        const b = box(timeline);
        out.timeline = {
          width: b.width,
          height: b.height,
          bars: [...timeline.querySelectorAll("rect.bar")].filter((r) => box(r).height > 0 && box(r).width > 0).length,
          links: timeline.querySelectorAll("a").length,
        };
      }
      if (network) {
        const frame = box(network);
        const inside = (r) => r.left >= frame.left - 1 && r.right <= frame.right + 1 && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
        const labels = [...network.querySelectorAll("text")].map(box);
        let overlaps = 0;
        for (let a = 0; a < labels.length; a++)
          for (let b = a + 1; b < labels.length; b++)
            if (labels[a].left < labels[b].right && labels[b].left < labels[a].right && labels[a].top < labels[b].bottom && labels[b].top < labels[a].bottom) overlaps++;
        out.network = {
          width: frame.width,
          circles: network.querySelectorAll("circle").length,
          inside: [...network.querySelectorAll("circle")].filter((c) => inside(box(c))).length,
          labels_inside: labels.filter(inside).length,
          labels: labels.length,
          overlaps,
        };
      }
      return out;
    }));
    report[report.length - 1].shot = shot;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
