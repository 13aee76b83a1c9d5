import { createHmac } from 'node:crypto';
import { compareText } from '../../../lib/text-order';
import { screen, within } from '@testing-library/react';
import { getResponse, http, HttpResponse } from 'msw';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeviceAttestation } from '../../../api/devices';
import { EXPORT_COLUMNS } from '../../../lib/csv-export';
import type { DeviceSelection } from '../../../lib/device-selection';
import { server, store } from '../../../mocks/node';
import { DEFAULT_SAS_GROUP_ID } from '../../../mocks/store/seed';
import { renderWithProviders } from '../../../testing/render';
import { exportFileName } from '../export-operation';
import { resetOperations } from '../operations';
import { ExportDialog } from './export-dialog';

let blobs: Blob[];
let downloads: { name: string; href: string }[];
beforeEach(() => {
  blobs = [];
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:test/${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.getAttribute('href') ?? '' });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetOperations();
});

const derive = (groupKey: string, id: string) =>
  createHmac('sha256', Buffer.from(groupKey, 'base64')).update(id).digest('base64');

function groupKeys() {
  const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
  if (group?.attestation.type !== 'symmetricKey') throw new Error('no SAS group');
  return group.attestation;
}

/** Renders the dialog, presses Export and returns the downloaded file's bytes and text. */
async function exportSelection(selection: DeviceSelection) {
  const { user } = renderWithProviders(<ExportDialog open onClose={() => undefined} selection={selection} />);
  const dialog = screen.getByRole('dialog', { name: 'Export devices' });
  await user.click(within(dialog).getByRole('button', { name: 'Export' }));
  await within(dialog).findByRole('link', { name: 'Download file' });
  expect(downloads).toHaveLength(1);
  const blob = blobs[Number(downloads[0]!.href.split('/').pop()) - 1]!;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { user, dialog, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

function parse(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('ExportDialog', () => {
  it("writes IoT Central's CSV (BOM, CRLF, its columns) with keys derived from the group", async () => {
    const { primaryKey, secondaryKey } = groupKeys();
    const { dialog, bytes, text } = await exportSelection({
      kind: 'ids',
      ids: ['thermostat-0001', 'filler-0003'],
    });
    expect(downloads[0]!.name).toBe(exportFileName());
    expect(downloads[0]!.name).toMatch(/^iotc-devices-\d{8}\.csv$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_COLUMNS.join(',')}`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const [header, ...rows] = parse(text);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toEqual(
      ['thermostat-0001', 'filler-0003'].map((id) => [
        id,
        store.devices.get(id)!.displayName,
        derive(primaryKey, id),
        derive(secondaryKey, id),
        '',
        '',
      ]),
    );
    expect(within(dialog).getByText(/Exported 2 devices to iotc-devices-\d{8}\.csv\./)).toBeInTheDocument();
  });

  it('takes the individual enrollment keys and leaves out devices that no longer exist', async () => {
    const primaryKey = Buffer.alloc(32, 7).toString('base64');
    const secondaryKey = Buffer.alloc(32, 8).toString('base64');
    await createDeviceAttestation('env-sensor-0002', {
      type: 'symmetricKey',
      symmetricKey: { primaryKey, secondaryKey },
    });
    const { dialog, text } = await exportSelection({
      kind: 'ids',
      ids: ['env-sensor-0002', 'deleted-meanwhile'],
    });
    expect(parse(text).slice(1)).toEqual([
      [
        'env-sensor-0002',
        store.devices.get('env-sensor-0002')!.displayName,
        primaryKey,
        secondaryKey,
        '',
        '',
      ],
    ]);
    expect(
      within(dialog).getByText(/1 selected device no longer exists and was left out\./),
    ).toBeInTheDocument();
  });

  it('neutralises a name a spreadsheet would run as a formula', async () => {
    store.devices.get('thermostat-0001')!.displayName = "=cmd|' /C calc'!A0";
    const { text } = await exportSelection({ kind: 'ids', ids: ['thermostat-0001'] });
    expect(parse(text)[1]?.[1]).toBe("'=cmd|' /C calc'!A0");
  });

  it('exports every device matching a filter, across pages, without the excluded ones', async () => {
    store.reset({ deviceCount: 4_321 });
    // In device ID order, as the backend pages a filter export (by key).
    const expected = [...store.devices.values()]
      .filter((d) => d.blocked && d.id !== 'thermostat-0006')
      .map((d) => d.id)
      .sort(compareText);
    const { text } = await exportSelection({
      kind: 'filter',
      filter: 'blocked eq true',
      count: expected.length + 1,
      excludedIds: ['thermostat-0006'],
    });
    const ids = parse(text)
      .slice(1)
      .map((row) => row[0]);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(800);
  });

  it('a server error mid-way: Retry goes on and the file holds every device once', async () => {
    store.reset({ deviceCount: 5_000 });
    const original = server.listHandlers() as Parameters<typeof getResponse>[0];
    let isFailing = true;
    server.use(
      http.post('*/api/extensions/deviceExports', async ({ request }) => {
        const body = (await request.clone().json()) as { skipToken?: string };
        // Every page after the first fails, however often it is asked for, until storage is back.
        if (body.skipToken !== undefined && isFailing) {
          return HttpResponse.json(
            { error: { code: 'InternalServerError', message: 'Storage hiccup.' } },
            { status: 500 },
          );
        }
        return getResponse(original, request);
      }),
    );
    const { user } = renderWithProviders(
      <ExportDialog
        open
        onClose={() => undefined}
        selection={{ kind: 'filter', filter: undefined, count: 5_000, excludedIds: [] }}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Export devices' });
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(
      await within(dialog).findByText(
        /Storage hiccup\. Retry goes on from the devices not exported yet\./,
        {}
      ),
    ).toBeInTheDocument();
    expect(downloads).toHaveLength(0);
    isFailing = false;
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    await within(dialog).findByRole('link', { name: 'Download file' });
    const ids = parse(await blobs.at(-1)!.text())
      .slice(1)
      .map((row) => row[0]);
    expect(ids).toHaveLength(5_000);
    expect(new Set(ids).size).toBe(5_000);
  });

  it('asks for a selection first when nothing is selected', () => {
    renderWithProviders(<ExportDialog open onClose={() => undefined} selection={{ kind: 'ids', ids: [] }} />);
    expect(screen.getByText(/Select the devices to export in the grid first/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
  });
});
