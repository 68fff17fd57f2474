/**
 * Takes the screenshots of reporting up (the update editor, the updates history, the share page,
 * the portfolio, the share links in settings) from a real server holding `ordo demo`, in light,
 * dark and on a phone: `node --import tsx test/e2e/reporting-screenshots.ts`. Builds the web app
 * first when it is stale.
 */
import { signIn, withDemoServer } from './support/demo-shots.js';

await withDemoServer(async ({ url, demo, owner, eachVariant }) => {
  await eachVariant(async ({ context, page, shot }) => {
    // Without an account first: the share page.
    await page.goto(demo.reporting.sharePath);
    await page.locator('article').first().waitFor();
    await shot('share-page');

    await signIn(context, url, owner);
    await page.goto(`/p/${demo.productKey}/updates`);
    await page.locator('.update-card').first().waitFor();
    await shot('updates');
    await page.goto(`/p/${demo.productKey}/updates/draft`);
    await page.getByTestId('health-reason').waitFor();
    await page.getByText('Off track', { exact: true }).click();
    await page.getByText('Draft saved').waitFor();
    await shot('update-editor');
    await page.goto(`/p/${demo.productKey}/settings`);
    await page.getByRole('heading', { name: 'Share links' }).scrollIntoViewIfNeeded();
    await shot('share-links');

    await signIn(context, url, demo.reporting.lead);
    await page.goto('/portfolio');
    await page.locator('.portfolio-table tbody tr').first().waitFor();
    await shot('portfolio');
  });
});
