// run_notebook.mjs opens a notebook in a running JupyterLab with headless
// Chromium, runs all its cells, waits until the expected rich outputs have
// rendered and saves a screenshot.
//
// Usage: node run_notebook.mjs URL SCREENSHOT MIN_IMAGES TEXT...
//
// URL is the notebook's /lab/tree/... address with its token. The script
// prints a JSON summary and exits non-zero when the outputs did not appear.
import { chromium } from "playwright-core";

const [url, shot, minImages, ...texts] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
let code = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120_000 });
  // The kernel has started when the toolbar's status shows idle.
  await page.waitForSelector(".jp-Notebook", { timeout: 120_000 });
  await page.waitForFunction(
    () => document.querySelector(".jp-Notebook") && document.title.length > 0,
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(2000);
  await page.click('.lm-MenuBar-itemLabel:text-is("Run")');
  await page.click('.lm-Menu-itemLabel:text-is("Run All Cells")');

  const want = Number(minImages);
  const deadline = Date.now() + 180_000;
  let summary;
  for (;;) {
    summary = await page.evaluate((texts) => {
      const outs = [...document.querySelectorAll(".jp-OutputArea-output")];
      const images = outs.filter((o) => o.querySelector("img, svg")).length;
      const text = outs.map((o) => o.innerText).join("\n");
      const errors = document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length;
      const busy = [...document.querySelectorAll(".jp-InputArea-prompt")].some((p) => p.innerText.includes("*"));
      return { images, errors, busy, missing: texts.filter((t) => !text.includes(t)) };
    }, texts);
    if (!summary.busy && summary.images >= want && summary.missing.length === 0) break;
    if (Date.now() > deadline) {
      code = 1;
      break;
    }
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify(summary));
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
