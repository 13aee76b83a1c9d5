import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screen, waitFor, within } from '@testing-library/react';
import { getResponse, http, HttpResponse } from 'msw';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { server, store } from '../../../mocks/node';
import { SEED_TEMPLATES } from '../../../mocks/store/seed';
import { renderWithProviders } from '../../../testing/render';
import { resetOperations } from '../operations';
import { DeviceOperationsButton } from './device-operations-button';
import { ImportDialog } from './import-dialog';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../testing/fixtures/csv');
const csvFile = (text: string | Uint8Array<ArrayBuffer>, name = 'devices.csv') =>
  new File([text], name, { type: 'text/csv' });

/** Blobs handed to URL.createObjectURL (jsdom has none), and the names of the files "downloaded". */
let blobs: Blob[];
let downloads: string[];
beforeEach(() => {
  blobs = [];
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:test/${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetOperations();
});

function Harness() {
  const [open, setOpen] = useState(true);
  return (
    <>
      <ImportDialog open={open} onClose={() => setOpen(false)} />
      <DeviceOperationsButton />
    </>
  );
}

function renderImport() {
  const view = renderWithProviders(<Harness />);
  return { ...view, dialog: () => screen.getByRole('dialog', { name: 'Import devices' }) };
}

const tile = (group: string, label: string) =>
  within(screen.getByRole('group', { name: group })).getByRole('group', { name: label });

async function choose(user: ReturnType<typeof renderImport>['user'], file: File) {
  await user.upload(screen.getByLabelText('Choose a file'), file);
  await screen.findByRole('group', { name: 'Dry run summary' });
}

const MIXED = [
  'IOTC_DEVICEID,IOTC_DEVICENAME',
  'pump-01,Pump 1',
  'thermostat-0001,Lobby thermostat',
  'Pump-02,Pump 2',
  'my_device,Underscore',
  'pump-03,',
  '',
].join('\r\n');

describe('ImportDialog', () => {
  it('dry run: counts new, existing and invalid rows, lists the invalid ones with line and reason, and writes nothing', async () => {
    const { user } = renderImport();
    const before = store.devices.size;
    await choose(user, csvFile(MIXED));
    expect(tile('Dry run summary', 'New')).toHaveTextContent('2');
    expect(tile('Dry run summary', 'Existing')).toHaveTextContent('1');
    expect(tile('Dry run summary', 'Invalid')).toHaveTextContent('2');
    const invalid = screen.getByRole('table', { name: 'Invalid rows' });
    const rows = within(invalid).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['4', '5']);
    expect(rows[0]).toHaveTextContent('Device IDs are lower case: use "pump-02".');
    expect(rows[1]).toHaveTextContent(
      'Device ID may contain only lower-case letters, digits and "-" (found "_").',
    );
    expect(store.devices.size).toBe(before);

    await user.click(screen.getByRole('button', { name: 'Download invalid rows' }));
    expect(downloads).toEqual(['devices-invalid-rows.csv']);
    const annotated = await blobs[0]!.text();
    expect(annotated).toContain('IOTC_DEVICEID,IOTC_DEVICENAME,LINE,ERROR\r\nPump-02,Pump 2,4,');
  });

  it('lowers upper-case ids in one step, shows the change, then imports with the template and reports', async () => {
    const { user, dialog } = renderImport();
    await user.click(screen.getByRole('combobox', { name: 'Device template' }));
    await user.click(await screen.findByRole('option', { name: 'Thermostat' }));
    await choose(user, csvFile(MIXED));

    await user.click(screen.getByRole('button', { name: 'Lower-case IDs' }));
    expect(await screen.findByRole('list', { name: 'Changed device IDs' })).toHaveTextContent(
      'Line 4: Pump-02 → pump-02',
    );
    await waitFor(() => expect(tile('Dry run summary', 'New')).toHaveTextContent('3'));
    expect(tile('Dry run summary', 'Invalid')).toHaveTextContent('1');

    await user.click(within(dialog()).getByRole('button', { name: 'Import' }));
    const report = await screen.findByRole('group', { name: 'Import report' });
    expect(within(report).getByRole('group', { name: 'Created' })).toHaveTextContent('3');
    expect(within(report).getByRole('group', { name: 'Skipped' })).toHaveTextContent('1');
    expect(within(report).getByRole('group', { name: 'Failed' })).toHaveTextContent('1');
    expect(
      screen.getByText(/Import finished: 3 created, 0 updated, 1 skipped, 1 failed\./),
    ).toBeInTheDocument();
    expect(store.devices.get('pump-02')).toMatchObject({
      displayName: 'Pump 2',
      template: SEED_TEMPLATES.thermostat,
    });
    expect(store.devices.get('pump-03')?.displayName).toBe('pump-03');
    expect(store.devices.get('thermostat-0001')?.displayName).not.toBe('Lobby thermostat');

    // The report stays in the Device operations panel.
    await user.click(within(dialog()).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Device operations' }));
    const panel = await screen.findByRole('list', { name: 'Device operations' });
    const item = within(panel).getByRole('listitem', { name: 'Import of devices.csv' });
    expect(item).toHaveTextContent('Completed');
    expect(item).toHaveTextContent('Thermostat');
    await user.click(within(item).getByRole('button', { name: 'Download error log' }));
    expect(downloads.at(-1)).toBe('devices-errors.csv');
    expect(await blobs.at(-1)!.text()).toContain('my_device,Underscore,5,');
  });

  it('importing the same file again creates nothing; Update renames the existing devices', async () => {
    const text = 'IOTC_DEVICEID,IOTC_DEVICENAME\npump-01,Pump 1\npump-02,Pump 2\n';
    const first = renderImport();
    await choose(first.user, csvFile(text));
    await first.user.click(within(first.dialog()).getByRole('button', { name: 'Import' }));
    await screen.findByText(/Import finished: 2 created/);
    first.unmount();
    resetOperations();
    const size = store.devices.size;

    const again = renderImport();
    await choose(again.user, csvFile(text.replace('Pump 2', 'Pump two')));
    expect(tile('Dry run summary', 'New')).toHaveTextContent('0');
    expect(tile('Dry run summary', 'Existing')).toHaveTextContent('2');
    await again.user.click(screen.getByRole('radio', { name: /Update them/ }));
    await again.user.click(within(again.dialog()).getByRole('button', { name: 'Import' }));
    expect(
      await screen.findByText(
        /Import finished: 0 created, 1 updated, 1 skipped, 0 failed\./,
        {}
      ),
    ).toBeInTheDocument();
    expect(store.devices.size).toBe(size);
    expect(store.devices.get('pump-02')?.displayName).toBe('Pump two');
  });

  it("refuses a semicolon file with IoT Central's message and a hint", async () => {
    const { user, dialog } = renderImport();
    await user.upload(
      screen.getByLabelText('Choose a file'),
      csvFile(new Uint8Array(readFileSync(join(FIXTURES, 'semicolon.csv')))),
    );
    expect(await screen.findByText('No IOTC_DEVICEID header found in import file')).toBeInTheDocument();
    expect(
      screen.getByText("The file seems to use ';' as its delimiter: save it with commas."),
    ).toBeInTheDocument();
    expect(within(dialog()).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('says what is wrong with binary garbage', async () => {
    const { user } = renderImport();
    await user.upload(
      screen.getByLabelText('Choose a file'),
      csvFile(new Uint8Array(readFileSync(join(FIXTURES, 'binary-garbage.csv')))),
    );
    expect(await screen.findByText('The import file is not a CSV text file')).toBeInTheDocument();
  });

  it('a server error mid-way loses nothing: the done batches are reported and Retry imports the rest once', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `bulk-${i},Bulk ${i}`);
    const original = server.listHandlers() as Parameters<typeof getResponse>[0];
    let isFailing = true;
    server.use(
      http.post('*/api/extensions/deviceImports', async ({ request }) => {
        const body = (await request.clone().json()) as { dryRun?: boolean; devices: { id: string }[] };
        // The second batch fails, however often it is sent, until the service is back.
        if (!body.dryRun && body.devices[0]?.id === 'bulk-5000' && isFailing) {
          return HttpResponse.json(
            { error: { code: 'InternalServerError', message: 'The service is busy.' } },
            { status: 500 },
          );
        }
        return getResponse(original, request);
      }),
    );
    const { user, dialog } = renderImport();
    await choose(user, csvFile(`IOTC_DEVICEID,IOTC_DEVICENAME\n${rows.join('\n')}\n`));
    expect(tile('Dry run summary', 'New')).toHaveTextContent('12,000');
    await user.click(within(dialog()).getByRole('button', { name: 'Import' }));

    expect(
      await screen.findByText(
        /Import stopped: 5,000 created.*The service is busy\. 7,000 rows were not imported yet/,
        {}
      ),
    ).toBeInTheDocument();
    expect(store.devices.has('bulk-4999')).toBe(true);
    expect(store.devices.has('bulk-5000')).toBe(false);

    isFailing = false;
    await user.click(within(dialog()).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText(
        /Import finished: 12,000 created, 0 updated, 0 skipped, 0 failed\./,
        {}
      ),
    ).toBeInTheDocument();
    const imported = [...store.devices.values()].filter((d) => d.id.startsWith('bulk-'));
    expect(imported).toHaveLength(12_000);
    expect(imported.every((d) => d.history.length === 1)).toBe(true);
  });

  it('Cancel stops after the current batch; Retry goes on from there', async () => {
    const rows = Array.from({ length: 11_000 }, (_, i) => `c-${i}`);
    const original = server.listHandlers() as Parameters<typeof getResponse>[0];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let imports = 0;
    server.use(
      http.post('*/api/extensions/deviceImports', async ({ request }) => {
        const body = (await request.clone().json()) as { dryRun?: boolean };
        if (!body.dryRun && ++imports === 1) await gate;
        return getResponse(original, request);
      }),
    );
    const { user, dialog } = renderImport();
    await choose(user, csvFile(`IOTC_DEVICEID\n${rows.join('\n')}\n`));
    await user.click(within(dialog()).getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('progressbar', { name: 'Import progress' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(screen.getByText(/Cancelling after the current batch/)).toBeInTheDocument();
    release();
    expect(
      await screen.findByText(
        /Import cancelled: 5,000 created.*6,000 rows were not imported/,
        {}
      ),
    ).toBeInTheDocument();
    expect(store.devices.has('c-5000')).toBe(false);

    await user.click(within(dialog()).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText(/Import finished: 11,000 created/),
    ).toBeInTheDocument();
  });

  it('says when the backend cannot be reached for the dry run, and Retry checks again', async () => {
    let isDown = true;
    server.use(
      http.post('*/api/extensions/deviceImports', () => (isDown ? HttpResponse.error() : undefined)),
    );
    const { user } = renderImport();
    await user.upload(screen.getByLabelText('Choose a file'), csvFile('IOTC_DEVICEID\nnew-1\n'));
    expect(
      await screen.findByText(
        'Could not check which devices already exist: Could not reach the server. Check your connection and try again.',
        {}
      ),
    ).toBeInTheDocument();
    isDown = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('group', { name: 'Dry run summary' })).toBeInTheDocument();
  });
});
