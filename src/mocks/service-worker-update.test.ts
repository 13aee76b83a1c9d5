import { describe, expect, it } from 'vitest';
import { isWorkerUpdateCutShort } from './service-worker-update';

const url = 'http://127.0.0.1:4711/mockServiceWorker.js';

describe('isWorkerUpdateCutShort', () => {
  it("recognises the browser's rejection of the demo worker's update check", () => {
    const reason = new TypeError(`Failed to update a ServiceWorker for scope ('http://127.0.0.1:4711/') with script ('${url}'): Not found`);
    expect(isWorkerUpdateCutShort(reason, url)).toBe(true);
    expect(isWorkerUpdateCutShort(new DOMException(`Failed to update a ServiceWorker for scope ('x') with script ('${url}'): Not found`, 'NotFoundError'), url)).toBe(true);
  });

  it('leaves every other rejection to the page', () => {
    expect(isWorkerUpdateCutShort(new Error('Failed to fetch'), url)).toBe(false);
    expect(isWorkerUpdateCutShort(new TypeError("Failed to update a ServiceWorker for scope ('x') with script ('http://other/sw.js'): Not found"), url)).toBe(false);
    expect(isWorkerUpdateCutShort('Failed to update a ServiceWorker ' + url, url)).toBe(false);
    expect(isWorkerUpdateCutShort(undefined, url)).toBe(false);
  });
});
