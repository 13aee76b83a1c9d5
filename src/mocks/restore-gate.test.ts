// While the saved devices come back at boot, only what the devices restored so far can answer goes
// through: templates, settings, and pages of the plain list that are already in. Anything that needs
// the whole table (a filter, a sort, a write, DPS) waits.
import { describe, expect, it } from 'vitest';
import { canAnswerDuringRestore } from './restore-gate';
import { createSeed } from './store/seed';
import { createMemoryStore } from './store/store';

const store = createMemoryStore(createSeed({ deviceCount: 1000 }));
const API = 'https://app.example/api';
const skip = (offset: number) => encodeURIComponent(btoa(JSON.stringify({ offset })));
const get = (path: string) => new Request(`${API}${path}`);

describe('canAnswerDuringRestore', () => {
  it('lets through the templates, the settings and pages of the plain list that are in', () => {
    expect(canAnswerDuringRestore(get('/deviceTemplates?api-version=2022-07-31'), store)).toBe(true);
    expect(canAnswerDuringRestore(get('/extensions/settings'), store)).toBe(true);
    expect(canAnswerDuringRestore(get('/devices?$top=25&$count=true'), store)).toBe(true);
    expect(canAnswerDuringRestore(get(`/devices?$top=100&$skiptoken=${skip(899)}`), store)).toBe(true);
  });

  it('holds back a page beyond the devices restored so far, filters, sorts, writes and the rest', () => {
    expect(canAnswerDuringRestore(get(`/devices?$top=100&$skiptoken=${skip(900)}`), store)).toBe(false);
    expect(canAnswerDuringRestore(get(`/devices?$skiptoken=not-a-token`), store)).toBe(false);
    expect(canAnswerDuringRestore(get('/devices?$filter=blocked eq true'), store)).toBe(false);
    expect(canAnswerDuringRestore(get('/devices?$orderby=id'), store)).toBe(false);
    expect(canAnswerDuringRestore(get('/devices/thermostat-0001'), store)).toBe(false);
    expect(canAnswerDuringRestore(get('/enrollmentGroups'), store)).toBe(false);
    expect(
      canAnswerDuringRestore(new Request(`${API}/devices/x`, { method: 'PATCH', body: '{}' }), store),
    ).toBe(false);
    expect(canAnswerDuringRestore(new Request(`${API}/extensions/reset`, { method: 'POST' }), store)).toBe(
      false,
    );
  });
});
