// Pages of the device list, fetched as IoT Central allows: by cursor. A page's answer carries the
// nextLink of the page after it, and nothing else leads there. As in MUI X's cursor-pagination recipe,
// each list (its filter, sort and page size) keeps a map from page number to the cursor that fetches it,
// filled in as pages are reached: a page already reached costs one request, however far it is.
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { hasExtension } from './capabilities';
import { listDevices, listDevicesNext, type ListDevicesParams } from './devices';
import type { CountedCollection, ExtendedDevice } from './extensions';

export type DevicePage = CountedCollection<ExtendedDevice> & {
  /**
   * How many rows the pages before this one had. An application may answer a page with fewer rows than
   * asked and still give a next page, so page n need not start at n × page size.
   */
  firstRow?: number;
};

/** The nextLink that fetches a page, and how many rows the pages before it had. */
interface PageCursor {
  link: string;
  firstRow: number;
}

/** Per QueryClient (so tests never share one), per list: page n -> its cursor. */
const cursorsByClient = new WeakMap<QueryClient, Map<string, Map<number, PageCursor>>>();

function cursorsOf(client: QueryClient, params: ListDevicesParams): Map<number, PageCursor> {
  let lists = cursorsByClient.get(client);
  if (!lists) {
    lists = new Map();
    cursorsByClient.set(client, lists);
  }
  const key = hashKey([params]);
  let cursors = lists.get(key);
  if (!cursors) {
    cursors = new Map();
    lists.set(key, cursors);
  }
  return cursors;
}

/**
 * Page `page` (0-based) of a list. A page reached before is one request. A page never reached (a link
 * or a reload names it) is walked to from the furthest page reached before it, one nextLink at a time,
 * as a real application allows nothing else; every page on the way is reached from then on, and
 * `onWalked` gets each of them (to keep them cached). Past the last page: no devices, with the count.
 */
export async function fetchDevicePage(
  client: QueryClient,
  params: ListDevicesParams,
  page: number,
  signal?: AbortSignal,
  onWalked?: (page: number, answer: DevicePage) => void,
): Promise<DevicePage> {
  const cursors = cursorsOf(client, params);
  let at = page;
  while (at > 0 && !cursors.has(at)) at--;
  const fetchAt = (n: number) => {
    const cursor = cursors.get(n);
    return n === 0 || cursor === undefined
      ? listDevices({ ...params, count: hasExtension('count') }, signal)
      : listDevicesNext(cursor.link, signal);
  };
  let answer = await fetchAt(at);
  for (;;) {
    const firstRow = at === 0 ? 0 : (cursors.get(at)?.firstRow ?? 0);
    if (answer.nextLink) cursors.set(at + 1, { link: answer.nextLink, firstRow: firstRow + answer.value.length });
    else cursors.delete(at + 1);
    const shown = { ...answer, firstRow };
    if (at === page) return shown;
    if (!answer.nextLink) return { value: [], '@odata.count': answer['@odata.count'] };
    // A page on the way is kept with its first row too: going back to it must not count page × size.
    onWalked?.(at, shown);
    at += 1;
    answer = await fetchAt(at);
  }
}
