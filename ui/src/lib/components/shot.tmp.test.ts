import { expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { renderApp, sampleDesk } from '../../test/render';

test('shot', async () => {
  const fake = sampleDesk();
  const budget = fake.claims[1]!;
  fake.drafts[0]!.body += `\nIt [cost double]{claim=${budget.id}} and <b>more</b>.\n`;
  renderApp(fake);
  await expect.element(page.getByTestId('draft-title')).toBeVisible();
  await page.getByTestId('open-review').click();
  await page.getByTestId('claim-item').filter({ hasText: /opens in June/ }).click();
  await page.getByTestId('show-provenance').click();
  await expect.element(page.getByTestId('provenance-claim')).toBeVisible();
  await new Promise((r) => setTimeout(r, 800));
  await page.screenshot({ path: 'shot.tmp.png' });
});
