// Section "approve": filters on Waiting for approval (a tenth of the seed), selects all, approves them and
// confirms; timed from the confirmation to the report. Requests are counted with Playwright.
import type { Request } from '@playwright/test';
import { seed } from '../lib/seed.ts';
import { log, longest, round } from '../lib/stats.ts';
import * as bench from '../page/instrument.ts';
import type { PageRun } from '../page/types.ts';

export async function approve({ page, devicesUrl, devices, results }: PageRun): Promise<void> {
  await seed(page, devices);
  const waiting = devices / 10;
  await bench.loadSettled(page, `${devicesUrl}?status=waitingForApproval`);
  await bench.selectAllMatching(page, waiting);
  const requests = { total: 0, byMethod: {} as Record<string, number> };
  const onRequest = (request: Request) => {
    if (!new URL(request.url()).pathname.startsWith('/api/')) return;
    requests.total += 1;
    requests.byMethod[request.method()] = (requests.byMethod[request.method()] ?? 0) + 1;
  };
  page.on('request', onRequest);
  // A bulk approve asks first, naming the count: timed from the confirmation.
  const confirmLabel = `Approve ${waiting.toLocaleString('en-US')} devices`;
  const confirmation = await bench.openFromToolbar(page, 'Approve', `${confirmLabel}?`);
  await bench.arm(page, 'selector', '#bulk-title', 'Approve: finished');
  await confirmation.getByRole('button', { name: confirmLabel }).click();
  const result = await bench.settled(page);
  page.off('request', onRequest);
  const summaryText = await page.getByRole('dialog').getByRole('alert').first().textContent();
  const tasks = await bench.longTasks(page, result);
  const ms = result.frameAt - result.start;
  results.approve = {
    ours: { ms: round(ms), requests, longestTask: longest(tasks), summary: summaryText },
  };
  log(
    `  approve ${waiting}: ${ms.toFixed(0)} ms, ${requests.total} requests ${JSON.stringify(requests.byMethod)}, longest task ${longest(tasks).toFixed(0)} ms; ${summaryText}`,
  );
}
