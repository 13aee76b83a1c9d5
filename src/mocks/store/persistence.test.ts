// The save queue behind the demo's persistence (IndexedDB itself is browser-only, see e2e/demo-data):
// a change is saved at once, changes during a save get one more save, and flush() waits for the save
// that holds the changes made before it, not for later ones.
import { describe, expect, it, vi } from 'vitest';
import { createSaveQueue } from './persistence';

function controlledSaves() {
  const pending: (() => void)[] = [];
  const save = () => new Promise<void>((resolve) => pending.push(resolve));
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { save, pending, finishNext };
}

describe('createSaveQueue', () => {
  it('saves at once, then once more for the changes that came during the save', async () => {
    const saves = controlledSaves();
    const queue = createSaveQueue(saves.save);
    queue.changed();
    expect(saves.pending).toHaveLength(1);
    queue.changed();
    queue.changed();
    expect(saves.pending).toHaveLength(1);
    await saves.finishNext();
    expect(saves.pending).toHaveLength(1);
    await saves.finishNext();
    expect(saves.pending).toHaveLength(0);
  });

  it('flush waits for the save holding the earlier changes only', async () => {
    const saves = controlledSaves();
    const queue = createSaveQueue(saves.save);
    await expect(queue.flush()).resolves.toBeUndefined();
    queue.changed();
    let isFirstDone = false;
    void queue.flush().then(() => (isFirstDone = true));
    queue.changed(); // during the first save: needs a second one
    let isSecondDone = false;
    void queue.flush().then(() => (isSecondDone = true));
    await saves.finishNext();
    expect([isFirstDone, isSecondDone]).toEqual([true, false]);
    await saves.finishNext();
    expect([isFirstDone, isSecondDone]).toEqual([true, true]);
    expect(saves.pending).toHaveLength(0);
  });

  it('a failed save fails the wait of the changes it held (503), and the next change saves again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const queue = createSaveQueue(async () => {
      calls += 1;
      if (calls === 1) throw new Error('QuotaExceededError');
    });
    queue.changed();
    await expect(queue.flush()).rejects.toThrow(/could not be saved \(QuotaExceededError\)\. Nothing was changed/);
    queue.changed();
    await queue.flush();
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith('Could not save the demo data.', expect.any(Error));
    warn.mockRestore();
  });
});
