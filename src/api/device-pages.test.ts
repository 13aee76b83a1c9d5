// Paging by cursor: a page already reached costs one request, however far it is and however stale.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { server } from '../mocks/node';
import type { ListDevicesParams } from './devices';
import { deviceQueries } from './queries';

const params: ListDevicesParams = { orderby: 'id', top: 10 };
let deviceRequests = 0;
const countRequest = ({ request }: { request: Request }) => {
  if (new URL(request.url).pathname.endsWith('/devices')) deviceRequests += 1;
};

beforeEach(() => {
  deviceRequests = 0;
  server.events.on('request:start', countRequest);
});
afterEach(() => {
  server.events.removeListener('request:start', countRequest);
});

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const ids = (page: { value: { id?: string }[] }) => page.value.map((d) => d.id);

describe('device pages by cursor', () => {
  it('fetches each next page with one request, from the cursor the page before gave', async () => {
    const client = newClient();
    for (let page = 0; page < 4; page++) await client.fetchQuery(deviceQueries.page(params, page));
    expect(deviceRequests).toBe(4);
  });

  it('refetches a page already reached with one request once it is stale, not by walking from page 1', async () => {
    const client = newClient();
    for (let page = 0; page <= 5; page++) await client.fetchQuery(deviceQueries.page(params, page));
    const before = await client.fetchQuery(deviceQueries.page(params, 5));
    await client.invalidateQueries({ queryKey: deviceQueries.all() });
    deviceRequests = 0;
    const again = await client.fetchQuery({ ...deviceQueries.page(params, 5), staleTime: 0 });
    expect(deviceRequests).toBe(1);
    expect(ids(again)).toEqual(ids(before));
  });

  it('walks to a page never reached (a link) once, and keeps the pages on the way', async () => {
    const client = newClient();
    const third = await client.fetchQuery(deviceQueries.page(params, 3));
    expect(deviceRequests).toBe(4);

    const first = await client.fetchQuery(deviceQueries.page(params, 0));
    const second = await client.fetchQuery(deviceQueries.page(params, 1));
    expect(deviceRequests).toBe(4);
    await client.fetchQuery(deviceQueries.page(params, 4));
    expect(deviceRequests).toBe(5);
    expect(ids(first)).toHaveLength(10);
    expect(new Set([...ids(first), ...ids(second), ...ids(third)]).size).toBe(30);
    // The pages kept on the way say where they start, as the page asked for does.
    expect([first.firstRow, second.firstRow, third.firstRow]).toEqual([0, 10, 30]);
  });

  it('answers a page past the last with no devices and the count', async () => {
    const client = newClient();
    const beyond = await client.fetchQuery(deviceQueries.page(params, 9));
    expect(beyond.value).toEqual([]);
    expect(beyond['@odata.count']).toBe(60);
    expect(deviceRequests).toBe(6);
  });

  it('keeps the cursors of each list apart', async () => {
    const client = newClient();
    await client.fetchQuery(deviceQueries.page(params, 2));
    deviceRequests = 0;
    await client.fetchQuery(deviceQueries.page({ ...params, orderby: 'displayName' }, 2));
    expect(deviceRequests).toBe(3);
    await newClient().fetchQuery(deviceQueries.page(params, 2));
    expect(deviceRequests).toBe(6);
  });
});
