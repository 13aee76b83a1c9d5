import { describe, expect, it } from 'vitest';
import { runBulk } from './bulk';

const items = Array.from({ length: 20 }, (_, i) => ({ id: `d-${i}` }));

describe('runBulk', () => {
  it('runs each item once at bounded concurrency and reports each outcome', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const report = await runBulk(
      items,
      async (item) => {
        seen.push(item.id);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running -= 1;
        if (item.id === 'd-3') throw new Error('Device "d-3" was deleted meanwhile.');
        if (item.id === 'd-4') return { kind: 'skipped', reason: 'not waiting for approval' };
        return { kind: 'done' };
      },
      { concurrency: 4 },
    );
    expect(peak).toBe(4);
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(report.succeeded).toHaveLength(18);
    expect(report.failed).toEqual([{ id: 'd-3', message: 'Device "d-3" was deleted meanwhile.' }]);
    expect(report.skipped).toEqual([{ id: 'd-4', reason: 'not waiting for approval' }]);
  });

  it('stops starting new items when cancelled and lists them', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const report = await runBulk(
      items,
      async (item) => {
        if (item.id === 'd-5') controller.abort();
        return { kind: 'done' };
      },
      { concurrency: 1, signal: controller.signal, onProgress: (p) => progress.push(p.finished) },
    );
    expect(report.succeeded).toHaveLength(6);
    expect(report.cancelled).toHaveLength(14);
    expect(progress.at(-1)).toBe(6);
  });
});
