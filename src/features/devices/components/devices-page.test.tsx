import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../mocks/node';
import { renderRoute } from '../../../testing/render';

describe('Devices route', () => {
  it('shows the seed in the grid with the total count', async () => {
    renderRoute('/devices');
    const grid = await screen.findByRole('grid', { name: 'Devices' });
    expect(await within(grid).findByText('thermostat-0001')).toBeInTheDocument();
    expect(await screen.findByText('1–25 of 60')).toBeInTheDocument();
  });

  it('reads the view from the URL and writes a search into it', async () => {
    const { user, router } = renderRoute('/devices?status=blocked');
    const grid = await screen.findByRole('grid', { name: 'Devices' });
    await waitFor(() => expect(within(grid).queryByText('Provisioned')).not.toBeInTheDocument());
    expect(within(grid).getAllByText('Blocked').length).toBeGreaterThan(0);

    await user.type(screen.getByRole('searchbox', { name: 'Search devices' }), 'filler-0006{Enter}');
    await waitFor(() => expect(router.location.search).toContain('q=filler-0006'));
    expect(router.location.search).toContain('status=blocked');
    expect(await screen.findByText('1–1 of 1')).toBeInTheDocument();
  });

  it('shows a server error with a Retry button instead of an empty page', async () => {
    server.use(
      http.get('*/api/devices', () =>
        HttpResponse.json({ error: { code: 'InternalServerError', message: 'Storage is unavailable' } }, { status: 500 }),
      ),
    );
    const { user } = renderRoute('/devices');
    expect(await screen.findByText(/Could not load devices: Storage is unavailable/)).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('thermostat-0001')).toBeInTheDocument();
  });
});
