// Section "grid": filter, sort, page change and search, the same for the app and the floor page (same
// labels, same controls), each from a freshly loaded page, ours and the floor interleaved.
import type { Page } from '@playwright/test';
import { isVerbose, RUNS } from '../lib/options.ts';
import { log, summary } from '../lib/stats.ts';
import { arm, interleaved, loadSettled, settled } from '../page/instrument.ts';
import type { PageRun } from '../page/types.ts';

interface Interaction {
  label: string;
  prepare(page: Page): Promise<void>;
  act(page: Page): Promise<void>;
}

export const INTERACTIONS: Record<'filter' | 'sort' | 'page' | 'search', Interaction> = {
  filter: {
    label: 'Filter (Device status: Waiting for approval)',
    async prepare(page) {
      await page.getByRole('combobox', { name: 'Device status' }).click();
      await page.getByRole('option', { name: 'Waiting for approval' }).waitFor();
    },
    act: (page) => page.getByRole('option', { name: 'Waiting for approval' }).click(),
  },
  sort: {
    label: 'Sort (Device ID)',
    prepare: async () => {},
    act: (page) =>
      page.getByRole('columnheader', { name: 'Device ID' }).getByText('Device ID', { exact: true }).click(),
  },
  page: {
    label: 'Page change (next page)',
    prepare: async () => {},
    act: (page) => page.getByRole('button', { name: 'Go to next page' }).click(),
  },
  search: {
    label: 'Search ("lab thermostat")',
    prepare: (page) => page.getByRole('searchbox', { name: 'Search devices' }).fill('lab thermostat'),
    act: (page) => page.getByRole('searchbox', { name: 'Search devices' }).press('Enter'),
  },
};

export type InteractionName = keyof typeof INTERACTIONS;

/** One measurement of an interaction, from a freshly loaded page; milliseconds to the new rows. */
async function interactOnce(page: Page, url: string, name: InteractionName): Promise<number> {
  const interaction = INTERACTIONS[name];
  await loadSettled(page, url);
  await interaction.prepare(page);
  await arm(page, 'rows');
  await interaction.act(page);
  const result = await settled(page);
  if (isVerbose) {
    log(
      `    ${name}: rows in the DOM after ${(result.domAt - result.start).toFixed(0)} ms, drawn after ${(result.frameAt - result.start).toFixed(0)} ms`,
    );
    log(
      `    ${name}: ${(result.frameAt - result.start).toFixed(0)} ms; first rows now ${result.rows.join(', ')}`,
    );
  }
  return result.frameAt - result.start;
}

export async function grid({ page, floor, devicesUrl, floorUrl, results }: PageRun): Promise<void> {
  for (const name of Object.keys(INTERACTIONS) as InteractionName[]) {
    const times = await interleaved(
      name,
      RUNS,
      () => interactOnce(page, devicesUrl, name),
      () => interactOnce(floor, floorUrl, name),
    );
    results.interactions[name] = { ours: summary(times.ours), floor: summary(times.floor) };
  }
}
