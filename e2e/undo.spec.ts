// Undo of a finished action: each device goes back to the state it had, through the API with its etag;
// a device changed since is left alone and reported.
import { api, deviceRow, expect, openDevices, test } from './fixtures';

test.describe('Undo', () => {
  test('Block of one device, undone from its notification: the device is Waiting for approval again', async ({
    page,
    consoleErrors,
  }) => {
    await openDevices(page, '?q=thermostat-0004');
    const row = deviceRow(page, 'thermostat-0004');
    await expect(row.getByRole('gridcell', { name: 'Waiting for approval' })).toBeVisible();
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Block' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'blocked.' });
    await expect(row.getByRole('gridcell', { name: 'Blocked' })).toBeVisible();
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'is back as it was.' })).toBeVisible();
    await expect(row.getByRole('gridcell', { name: 'Waiting for approval' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('Migrate of several devices, undone from the report; one changed since is skipped and said', async ({
    page,
  }) => {
    await openDevices(page, '?template=unassociated&sort=id');
    const grid = page.getByRole('grid', { name: 'Devices' });
    const ids = (await grid.locator('[role="row"] [data-field="id"][role="gridcell"]').allInnerTexts()).slice(
      0,
      3,
    );
    expect(ids).toHaveLength(3);
    for (const id of ids) await deviceRow(page, id).getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'Migrate' })
      .click();
    const dialog = page.getByRole('dialog', { name: /Migrate/ });
    await dialog.getByRole('combobox', { name: 'Device template' }).click();
    await page.getByRole('option', { name: 'Thermostat' }).click();
    await dialog.getByRole('button', { name: 'Migrate' }).click();
    const report = page.getByRole('dialog', { name: 'Migrate: finished' });
    await expect(report).toContainText('3 devices migrated.');

    // Someone else changes one of them meanwhile.
    const changed = ids[1] as string;
    const device = await api<{ etag: string }>(page, 'GET', `/devices/${changed}`);
    await api(page, 'PATCH', `/devices/${changed}`, { displayName: 'Renamed meanwhile', etag: device.etag });

    await report.getByRole('button', { name: 'Undo' }).click();
    const undoReport = page.getByRole('dialog', { name: 'Undo migrate: finished' });
    await expect(undoReport).toContainText('2 devices restored. 1 device skipped: changed by someone since.');
    await undoReport.getByRole('button', { name: 'Close' }).click();

    for (const id of [ids[0], ids[2]] as string[]) {
      const restored = await api<{ template?: string }>(page, 'GET', `/devices/${id}`);
      expect(restored.template ?? '', id).toBe('');
    }
    const kept = await api<{ template?: string }>(page, 'GET', `/devices/${changed}`);
    expect(kept.template).toBeTruthy();
  });

  test('Delete of one device, undone: it is created again with its name, template and individual enrollment, and the limits are said', async ({
    page,
  }) => {
    await openDevices(page);
    const symmetricKey = {
      primaryKey: Buffer.alloc(32, 7).toString('base64'),
      secondaryKey: Buffer.alloc(32, 8).toString('base64'),
    };
    await api(page, 'PUT', '/devices/filler-0003/attestation', { type: 'symmetricKey', symmetricKey });
    await openDevices(page, '?q=filler-0003');
    const row = deviceRow(page, 'filler-0003');
    const before = await api<{ displayName: string; template: string }>(page, 'GET', '/devices/filler-0003');
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: /^Delete/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(row).toHaveCount(0);
    await page
      .getByRole('alert')
      .filter({ hasText: 'deleted.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect(page.getByRole('alert').filter({ hasText: 'must register again' })).toBeVisible();
    await expect(row).toBeVisible();
    const after = await api<{ displayName: string; template: string }>(page, 'GET', '/devices/filler-0003');
    expect(after).toMatchObject({ displayName: before.displayName, template: before.template });
    const enrollment = await api<{ type: string; symmetricKey: unknown }>(
      page,
      'GET',
      '/devices/filler-0003/attestation',
    );
    expect(enrollment).toEqual({ type: 'symmetricKey', symmetricKey });
  });
  test('Block of two devices, undone from Device operations once the notification is gone', async ({
    page,
    consoleErrors,
  }) => {
    await openDevices(page);
    for (const id of ['undo-later-1', 'undo-later-2'])
      await api(page, 'PUT', `/devices/${id}`, { displayName: id, enabled: true });
    await openDevices(page, '?q=undo-later');
    for (const id of ['undo-later-1', 'undo-later-2']) await deviceRow(page, id).getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'Block', exact: true })
      .click();
    await page.getByRole('dialog', { name: 'Block 2 devices?' }).getByRole('button', { name: 'Block 2 devices' }).click();
    const report = page.getByRole('dialog', { name: 'Block: finished' });
    await expect(report).toContainText('2 devices blocked.');
    await report.getByRole('button', { name: 'Close' }).click();
    // The notification offers Undo for a while; the operator closes it instead.
    const notice = page.getByRole('alert').filter({ hasText: '2 devices blocked.' });
    await notice.getByRole('button', { name: 'Close' }).click();
    await expect(notice).toHaveCount(0);

    await page.getByRole('button', { name: 'Device operations' }).click();
    const actions = page.getByRole('list', { name: 'Device actions' });
    const block = actions.getByRole('listitem', { name: 'Block of 2 devices' });
    await expect(block).toContainText('2 blocked.');
    await block.getByRole('button', { name: 'Undo' }).click();
    const undoReport = page.getByRole('dialog', { name: 'Undo block: finished' });
    await expect(undoReport).toContainText('2 devices restored.');
    await undoReport.getByRole('button', { name: 'Close' }).click();
    // Undone once: Undo is offered no more, and the undo has its own entry.
    await expect(block.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(actions.getByRole('listitem', { name: 'Undo block of 2 devices' })).toContainText('2 restored.');
    for (const id of ['undo-later-1', 'undo-later-2']) {
      expect((await api<{ enabled: boolean }>(page, 'GET', `/devices/${id}`)).enabled, id).toBe(true);
    }
    expect(consoleErrors).toEqual([]);
  });
});
