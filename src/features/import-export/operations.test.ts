// Leaving the page while it still drives an operation asks first; once the operation is over, it does not.
import { afterEach, describe, expect, it } from 'vitest';
import { addOperation, resetOperations, updateOperation } from './operations';

function leave(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const controls = { cancel: () => {}, retry: () => {} };

describe('leaving the page', () => {
  afterEach(() => resetOperations());

  it('asks while an import runs, and not once it is done', () => {
    expect(leave()).toBe(false);
    addOperation({ id: 'op-1', kind: 'import', title: 'Import devices.csv', total: 10 }, controls);
    expect(leave()).toBe(true);
    updateOperation('op-1', { status: 'completed', processed: 10 });
    expect(leave()).toBe(false);
  });
});
