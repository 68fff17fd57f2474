import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page as it is now and fails on any serious or critical violation, naming
 * the rule, what it asks for and the first elements that break it. axe is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the check needs
 * no exception in the policy it also tests.
 */
export async function expectNoSeriousViolations(page: Page, where: string) {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

/** The serious and critical axe-core violations of the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Every page names itself in the tab, has one main landmark and one h1. */
export async function expectPageStructure(page: Page, title: string) {
  await expect.poll(() => page.title()).toBe(title);
  expect(await page.locator('main').count(), `<main> on "${title}"`).toBe(1);
  expect(await page.locator('h1').count(), `h1 on "${title}"`).toBe(1);
}
