// The console server's live updates (GET /api/extensions/events, server-sent events): each store change
// names the devices and the small tables it touched. Read with fetch rather than EventSource, because
// the stream needs the Authorization header like every other request.
import { apiConfig } from './config';
import type { StoreChangeEvent } from './extensions';

/** Follows the event stream until `signal` aborts, reconnecting after a failure; calls `onChange` per event. */
export async function followStoreChanges(onChange: (event: StoreChangeEvent) => void, signal: AbortSignal): Promise<void> {
  let delayMs = 1000;
  while (!signal.aborted) {
    try {
      const { baseUrl, apiVersion, getAuthHeader } = apiConfig();
      const auth = await getAuthHeader?.();
      const response = await fetch(`${baseUrl}/extensions/events?api-version=${apiVersion}`, {
        headers: { Accept: 'text/event-stream', ...(auth ? { Authorization: auth } : {}) },
        signal,
      });
      if (!response.ok || !response.body) throw new Error(`The event stream answered ${response.status}.`);
      delayMs = 1000;
      await readEvents(response.body, onChange);
    } catch (error) {
      if (signal.aborted) return;
      console.warn('Live updates paused; reconnecting.', error instanceof Error ? error.message : error);
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 30_000);
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, onChange: (event: StoreChangeEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: change')) continue;
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      onChange(JSON.parse(data) as StoreChangeEvent);
    }
  }
}
