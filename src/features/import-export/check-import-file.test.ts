// The time budget of the worker check. jsdom has no module workers, so a Worker that never answers
// (a check stuck on a hostile file) stands in for the browser's; the code under test is the real one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkImportFile } from './check-import-file';

const terminated: boolean[] = [];

class SilentWorker {
  onmessage: unknown = null;
  onerror: unknown = null;
  private readonly index = terminated.push(false) - 1;
  postMessage(): void {}
  terminate(): void {
    terminated[this.index] = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  terminated.length = 0;
});

describe('checkImportFile', () => {
  it('stops a check that outlives its time budget and says so, with what to do', async () => {
    vi.stubGlobal('Worker', SilentWorker);
    const result = await checkImportFile(new Blob(['IOTC_DEVICEID\ndev-1\n']), { timeBudgetMs: 50 });
    expect(result.fatal).toEqual({
      kind: 'too-slow',
      message: 'The import file could not be checked within 0.05 seconds',
      hint: 'Split it into smaller files (for example 50,000 devices each) and import them one after the other.',
    });
    expect(result.rows).toEqual([]);
    expect(terminated).toEqual([true]);
  });
});
