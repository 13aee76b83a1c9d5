// Live updates: every store commit becomes a server-sent event at GET /api/extensions/events, so each open
// page invalidates what changed (src/app/live-updates.ts): tab B sees tab A's approval without a reload.
// Commits are gathered for a moment and sent as one event; a large change says "all" instead of its ids.
import type { ServerResponse } from 'node:http';
import type { DeviceTableCommit } from '../src/mocks/store/device-rows';

/** What an event carries (api/extensions.ts, StoreChangeEvent). */
export interface ChangeEvent {
  devices: string[] | 'all';
  meta: string[];
}

const GATHER_MS = 100;
const MAX_IDS = 200;
const KEEPALIVE_MS = 25_000;

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private devices = new Set<string>();
  private isAllDevices = false;
  private meta = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly keepalive = setInterval(() => this.broadcast(': keepalive\n\n'), KEEPALIVE_MS);

  constructor() {
    this.keepalive.unref();
  }

  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(commit: DeviceTableCommit): void {
    for (const id of [...commit.written, ...commit.removed]) this.devices.add(id);
    if (this.devices.size > MAX_IDS) this.isAllDevices = true;
    for (const key of commit.metaChanged ?? []) this.meta.add(key);
    if (commit.isAll) this.isAllDevices = true;
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const event: ChangeEvent = { devices: this.isAllDevices ? 'all' : [...this.devices], meta: [...this.meta] };
    this.devices = new Set();
    this.meta = new Set();
    this.isAllDevices = false;
    if (event.devices.length === 0 && event.meta.length === 0) return;
    this.broadcast(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
  }

  private broadcast(text: string): void {
    for (const client of this.clients) client.write(text);
  }

  close(): void {
    clearInterval(this.keepalive);
    clearTimeout(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
