import { writeFile } from 'node:fs/promises';
import { readCertFixtureText } from '../src/testing/fixtures/certs';
import { expect, test } from './fixtures';

const pem = readCertFixtureText('rsa-root-ca.pem').trim().concat('\n');
test('screenshots of the verdicts', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto('/admin/device-connection');
  await page.getByRole('button', { name: 'New' }).click();
  const create = page.getByRole('dialog', { name: 'New enrollment group' });
  await create.getByRole('textbox', { name: 'Name' }).fill('Factory line');
  await create.getByRole('radio', { name: 'Certificates (X.509)' }).check();
  await create.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Upload the primary certificate of Factory line' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add primary certificate · Factory line' });
  const big = test.info().outputPath('bundle-5mb.pem');
  await writeFile(big, pem.repeat(4450));
  await dialog.getByLabel('Choose a certificate file').setInputFiles(big);
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.screenshot({ path: '/tmp/scratch/ca-5mb.png' });
  const hundred = test.info().outputPath('bundle-100.pem');
  await writeFile(hundred, pem.repeat(100));
  await dialog.getByLabel('Choose a certificate file').setInputFiles(hundred);
  await expect(dialog.getByRole('alert')).toContainText('this file has 100');
  await dialog.screenshot({ path: '/tmp/scratch/ca-100.png' });
  const one = test.info().outputPath('root.pem');
  await writeFile(one, pem);
  await dialog.getByLabel('Choose a certificate file').setInputFiles(one);
  await expect(dialog.getByRole('table')).toBeVisible();
  await dialog.screenshot({ path: '/tmp/scratch/ca-ok.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.goto('/devices/thermostat-0001');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const connect = page.getByRole('dialog', { name: 'Device connection' });
  for (const [label, option] of [['Authentication type', 'Individual enrollment'], ['Authentication method', 'Certificates (X.509)']] as const) {
    await connect.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }
  const chain = test.info().outputPath('chain.pem');
  await writeFile(chain, pem.repeat(210));
  await connect.getByLabel('Upload primary certificate').setInputFiles(chain);
  const slot = connect.getByRole('region', { name: 'Primary certificate' });
  await expect(slot.getByRole('alert')).toBeVisible();
  await slot.screenshot({ path: '/tmp/scratch/connect-210.png' });
});
