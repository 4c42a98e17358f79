// The accessibility checks the specs share (e2e/a11y.spec.ts, e2e/accounts.spec.ts).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe on the page, or only on `include` (a CSS selector) when given. Legacy mode runs axe in the
 * page itself instead of merging results in a new blank page (this app has no cross-origin frames, the
 * one thing legacy mode cannot check), and only violations are collected: the same rules and the same
 * verdicts, about three times faster on the pages with the 24-row scope matrix.
 */
export async function expectNoAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  if (include) builder.include(include);
  const results = await builder.analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
  }));
  expect(summary).toEqual([]);
}

export async function expectNoHorizontalOverflow(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, "the page does not scroll sideways").toBeLessThanOrEqual(width);
}
