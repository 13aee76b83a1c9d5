// The Devices page against a backend without the demo's extensions (a real application behind the
// gateway): the page asks only what the public API answers, and claims nothing it does not know.
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCapabilities } from '../../../api/capabilities';
import { DEMO_EXTENSIONS } from '../../../lib/demo-extensions';
import { server } from '../../../mocks/node';
import { renderRoute } from '../../../testing/render';

const device = (id: string, enabled = true) => ({
  id,
  etag: `"${id}"`,
  displayName: `Device ${id}`,
  template: 'dtmi:com:example:Thermostat;1',
  enabled,
  provisioned: false,
  simulated: false,
});

describe('Devices route without the extensions', () => {
  const requests: URL[] = [];
  beforeAll(() => {
    setCapabilities({ backend: 'real', extensions: [], session: { name: 'Ada', role: 'administrator' } });
  });
  afterAll(() => setCapabilities({ backend: 'demo', extensions: [...DEMO_EXTENSIONS] }));

  it("filters and pages with the public API's terms, and shows what it cannot tell apart as one status", async () => {
    server.use(
      http.get('*/api/devices', ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        if (url.searchParams.get('$skiptoken') === 'p2') {
          return HttpResponse.json({ value: [device('last-1'), device('last-2', false), device('last-3')] });
        }
        return HttpResponse.json({
          value: Array.from({ length: 25 }, (_, i) => device(`first-${String(i + 1).padStart(2, '0')}`, i !== 0)),
          // As the gateway rewrites IoT Central's absolute link.
          nextLink: '/api/devices?api-version=2022-07-31&$top=25&$skiptoken=p2',
        });
      }),
    );
    const { router } = renderRoute('/devices');
    const grid = await screen.findByRole('grid', { name: 'Devices' });
    expect(await within(grid).findByText('first-02')).toBeInTheDocument();
    expect(within(grid).getByText('Disabled: blocked or waiting for approval')).toBeInTheDocument();
    // No total is known while there is a next page.
    expect(await screen.findByText('1–25 of more than 25')).toBeInTheDocument();
    // Page 2 (as Next or a link names it) is reached through page 1's nextLink.
    await act(() => router.navigate('/devices?page=2'));
    expect(await within(grid).findByText('last-3')).toBeInTheDocument();
    // On the last page the total is known.
    expect(await screen.findByText('26–28 of 28')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /next page/i })).toBeDisabled();

    const paged = requests.find((u) => u.searchParams.get('$skiptoken') === 'p2');
    expect(paged?.pathname).toBe('/api/devices');
    for (const url of requests) {
      expect(url.searchParams.has('$count')).toBe(false);
      expect(url.searchParams.get('$filter') ?? '').not.toMatch(/blocked|approvalPending|contains\(id/);
    }
    // Import and Export say why they are not here.
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    // Two pages of a full grid: 8 s alone on this 2-core machine, over 20 s when it is loaded (load average 11).
  }, 60_000);

  it('counts the rows of short pages: the footer says which devices these are, not page × page size', async () => {
    server.use(
      http.get('*/api/devices', ({ request }) => {
        const token = new URL(request.url).searchParams.get('$skiptoken');
        // An application may answer fewer rows than asked and still give a next page.
        if (token === 'p2') return HttpResponse.json({ value: [device('short-4'), device('short-5')] });
        return HttpResponse.json({
          value: [device('short-1'), device('short-2'), device('short-3')],
          nextLink: '/api/devices?api-version=2022-07-31&$top=25&$skiptoken=p2',
        });
      }),
    );
    const { router } = renderRoute('/devices');
    expect(await screen.findByText('1–3 of more than 3')).toBeInTheDocument();
    await act(() => router.navigate('/devices?page=2'));
    expect(await screen.findByText('short-5')).toBeInTheDocument();
    expect(await screen.findByText('4–5 of 5')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /next page/i })).toBeDisabled();
  }, 60_000);

  it('offers the statuses the public API can filter on, and filters on enabled', async () => {
    requests.length = 0;
    server.use(
      http.get('*/api/devices', ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({ value: [device('off-1', false)] });
      }),
    );
    const { user } = renderRoute('/devices');
    await screen.findByText('off-1');
    await user.click(screen.getByRole('combobox', { name: 'Device status' }));
    const options = within(await screen.findByRole('listbox')).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['All statuses', 'Registered', 'Provisioned', 'Disabled: blocked or waiting for approval']);
    await user.click(screen.getByRole('option', { name: 'Disabled: blocked or waiting for approval' }));
    await waitFor(() => expect(requests.some((u) => u.searchParams.get('$filter') === 'enabled eq false')).toBe(true));
  });

  it('opens a device without waiting forever for a history that a real application does not keep', async () => {
    server.use(
      http.get('*/api/devices/:id', ({ params }) => HttpResponse.json(device(String(params.id)))),
      http.get('*/api/devices/:id/attestation', () =>
        HttpResponse.json({ error: { code: 'NotFound', message: 'No individual enrollment' } }, { status: 404 }),
      ),
    );
    renderRoute('/devices/thermo-1');
    const overview = await screen.findByRole('region', { name: 'Overview' });
    expect(await within(overview).findByText(/It has no individual enrollment/)).toBeInTheDocument();
    expect(within(overview).queryByText('Last registration')).not.toBeInTheDocument();
    expect(within(overview).queryByText('Loading…')).not.toBeInTheDocument();
    expect(screen.getByText(/does not give a device's status history/)).toBeInTheDocument();
  });
});
