// The page sections' table: ours, the floor, the ratio and the target of each operation.
import { log } from '../lib/stats.ts';
import { INTERACTIONS, type InteractionName } from '../sections/grid.ts';
import type { Results, WithLongest } from './types.ts';

export const TARGETS = { ratio: 2, firstRowsMs: 1000, interactionMs: 100, longTaskMs: 200, initialJsKb: 300 };

interface Target {
  text: string;
  ok: (value: number) => boolean;
}

export interface Row {
  operation: string;
  ours: number | undefined;
  floor: number | undefined;
  unit: string;
  ratio: number | undefined;
  target: string;
  pass: boolean | undefined;
  note: string;
}

function row(
  operation: string,
  ours: number | undefined,
  floor: number | undefined,
  unit: string,
  targets: Target[],
  note = '',
): Row {
  const ratio = ours !== undefined && floor !== undefined && floor > 0 ? ours / floor : undefined;
  const checks: boolean[] = [];
  if (ratio !== undefined) checks.push(ratio <= TARGETS.ratio);
  for (const target of targets) if (ours !== undefined) checks.push(target.ok(ours));
  const pass = ours === undefined ? undefined : checks.every(Boolean);
  const targetText = [
    ratio !== undefined || floor !== undefined ? `ratio ≤ ${TARGETS.ratio}` : '',
    ...targets.map((t) => t.text),
  ]
    .filter(Boolean)
    .join(', ');
  return { operation, ours, floor, unit, ratio, target: targetText || '—', pass, note };
}

/** A figure shown for information: no floor, no target. */
const information = (operation: string, value: number, unit: string, note = 'information') =>
  row(operation, value, undefined, unit, [], note);

const atMost = (limit: number, unit: string): Target => ({
  text: `≤ ${limit} ${unit}`,
  ok: (v) => v <= limit,
});

/** An operation's median against its floor, then its longest task against the long-task target. */
function withLongestTask(
  operation: string,
  during: string,
  ours: WithLongest,
  floor?: number,
  note = '',
): Row[] {
  return [
    row(operation, ours.median, floor, 'ms', [], note),
    row(`  longest task during ${during}`, ours.longestTask, undefined, 'ms', [
      atMost(TARGETS.longTaskMs, 'ms'),
    ]),
  ];
}

const fmt = (value: number | undefined, unit: string) => {
  if (value === undefined) return '—';
  if (unit === 'ms') return `${value >= 1000 ? value.toFixed(0) : value.toFixed(value < 10 ? 1 : 0)} ms`;
  if (unit === 'KB') return `${value.toFixed(1)} KB`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return String(value);
};

export function table(results: Results): Row[] {
  const rows: Row[] = [];
  const kb = (bytes: number) => bytes / 1024;
  const app = results.bundle.appBeforeFirstRows;
  const initial = results.bundle.initial;
  if (app) {
    rows.push(
      row(
        `Initial route JS, gzipped (${app.files.length} files before first rows)`,
        kb(app.gzip),
        undefined,
        'KB',
        [atMost(TARGETS.initialJsKb, 'KB')],
      ),
    );
    if (initial)
      rows.push(information('  of which entry + modulepreload (dist/index.html)', kb(initial.gzip), 'KB'));
  } else if (initial) {
    // Without the browser (bundle alone): what dist/index.html loads, against the target.
    rows.push(
      row('Initial route JS, gzipped (entry + modulepreload)', kb(initial.gzip), undefined, 'KB', [
        atMost(TARGETS.initialJsKb, 'KB'),
      ]),
    );
  }
  const floorJs = results.bundle.floor;
  if (floorJs)
    rows.push(information('  the floor page: a bare DataGrid, React and MUI only', kb(floorJs.gzip), 'KB'));
  const demo = results.bundle.demoBeforeFirstRows;
  if (demo)
    rows.push(information(`  demo backend JS (MSW + store; not in a real app's build)`, kb(demo.gzip), 'KB'));
  if (results.firstRows.ours) {
    rows.push(
      row(
        'First rows after navigation',
        results.firstRows.ours.median,
        results.firstRows.floor?.median,
        'ms',
        [atMost(TARGETS.firstRowsMs, 'ms')],
      ),
    );
  }
  for (const [name, interaction] of Object.entries(results.interactions)) {
    if (!interaction.ours) continue;
    rows.push(
      row(
        INTERACTIONS[name as InteractionName].label,
        interaction.ours.median,
        interaction.floor?.median,
        'ms',
        [atMost(TARGETS.interactionMs, 'ms')],
      ),
    );
  }
  const devices = results.devices.toLocaleString('en-US');
  if (results.importCheck.ours) {
    const { ours, parse, dryRun, floor } = results.importCheck;
    if (parse) {
      rows.push(
        row(`Import ${devices}-row CSV: parse + validate (worker)`, parse.median, floor?.median, 'ms', []),
      );
      if (dryRun)
        rows.push(information('Import: dry run (which IDs exist)', dryRun.median, 'ms', 'no floor'));
      rows.push(information('Import: file chosen → review shown', ours.median, 'ms'));
    } else {
      rows.push(
        row(`Import ${devices}-row CSV: file chosen → review shown`, ours.median, floor?.median, 'ms', []),
      );
    }
    rows.push(
      row('  longest task during the check', ours.longestTask, undefined, 'ms', [
        atMost(TARGETS.longTaskMs, 'ms'),
      ]),
    );
  }
  if (results.importCreate.ours)
    rows.push(
      ...withLongestTask(
        `Import ${devices}-row CSV: create`,
        'the import',
        results.importCreate.ours,
        undefined,
        'no floor',
      ),
    );
  if (results.export.ours)
    rows.push(
      ...withLongestTask(
        `Export ${devices} devices with SAS keys`,
        'the export',
        results.export.ours,
        results.export.floor?.median,
      ),
    );
  if (results.approve.ours) {
    const a = results.approve.ours;
    rows.push(
      information(
        `Bulk approve ${(results.devices / 10).toLocaleString('en-US')} devices (${a.requests.total.toLocaleString('en-US')} requests)`,
        a.ms,
        'ms',
        'no floor',
      ),
      information('  longest task during the approve', a.longestTask, 'ms'),
    );
  }
  if (results.heap.ours !== undefined) {
    rows.push(row('JS heap after load (after GC)', results.heap.ours, results.heap.floor, 'MB', []));
  }
  return rows;
}

export function printTable(rows: Row[]): void {
  const header = ['Operation', 'Ours', 'Floor', 'Ratio', 'Target', 'Result'];
  const lines = rows.map((r) => [
    r.operation,
    fmt(r.ours, r.unit),
    fmt(r.floor, r.unit),
    r.ratio === undefined ? '—' : r.ratio.toFixed(2),
    r.target,
    r.pass === undefined || r.target === '—' ? r.note || '—' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  log('');
  log(format(header));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) log(format(line));
}
