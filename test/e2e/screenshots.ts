/**
 * `npm run screenshots`: the task pane's four views at 320 px (the pane's default width)
 * and 500 px, in Bahasa Indonesia and English, over the measurement fixture, written to
 * docs/screenshots/pane-<view>-<width>-<lang>.png. Uses the e2e harness and Debian's Chromium.
 *
 *   SCREENSHOT_DIR=dir  write elsewhere;  FULL_PAGE=1  capture the whole scroll height
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { launch, openHarness, pageErrors, ROOT } from "./support/harness";

const VIEWS = ["summary", "indicators", "findings", "settings"] as const;
const WIDTHS = [320, 500];
const LANGS = ["id", "en"] as const;

/** Puts each view in the state a reviewer wants to see. */
async function prepare(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  await page.getByTestId(`view-${view}`).waitFor();
  if (view === "indicators") {
    // Row 14 of "Rencana Aksi 2024": a realisation typed as a word ("tiga"), two findings.
    await page.evaluate(() => window.harness?.userSelects({ sheet: "Rencana Aksi 2024", cell: "C14" }));
    await page.getByTestId("indicator-details").waitFor();
    // The open row at the top, as a user who scrolled to it sees it.
    await page.locator('[data-testid="indicator"][data-key="Rencana Aksi 2024!14"]').evaluate((el) => el.scrollIntoView({ block: "start" }));
  }
  await page.waitForTimeout(300); // accordion and badge motion settle
}

async function main(): Promise<void> {
  const out = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : path.join(ROOT, "docs/screenshots");
  fs.mkdirSync(out, { recursive: true });
  const browser = await launch();
  try {
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        for (const view of VIEWS) {
          const page = await openHarness(browser, { width, height: 760, scale: 2, query: { fixture: "pengukuran", lang, tab: view }, fixedTime: "2026-11-29T08:30:00+07:00" });
          await prepare(page, view);
          const errors = pageErrors(page);
          if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
          const file = path.join(out, `pane-${view}-${width}-${lang}.png`);
          await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === "1" });
          console.log(path.relative(ROOT, file));
          await page.context().close();
        }
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
