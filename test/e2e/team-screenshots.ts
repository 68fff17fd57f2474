/**
 * Takes the screenshots of the team's screens (inbox, decision log, requests, the bell) from a real
 * server holding `ordo demo`, signed in as the demo's owner, in light, dark and on a phone:
 * `node --import tsx test/e2e/team-screenshots.ts`. Builds the web app first when it is stale.
 */
import type { Page } from 'playwright-core';
import { signIn, withDemoServer } from './support/demo-shots.js';

await withDemoServer(async ({ url, demo, owner, eachVariant }) => {
  await eachVariant(async ({ context, page, shot }) => {
    await signIn(context, url, owner);
    await page.goto('/inbox');
    await page.locator('.question').first().waitFor();
    await shot('inbox');
    await page.goto(`/p/${demo.productKey}/decisions`);
    await page.locator('.decision').first().waitFor();
    await shot('decisions');
    await page.goto(`/p/${demo.productKey}/requests?state=linked`);
    await page.locator('.request').first().waitFor();
    await shot('requests');
    await open(page, `/p/${demo.productKey}/board`);
    await page.getByTestId('bell').click();
    await page.locator('.notification').first().waitFor();
    await shot('bell');
  });
});

async function open(page: Page, to: string) {
  await page.goto(to);
  await page.getByTestId('bell').waitFor();
}
