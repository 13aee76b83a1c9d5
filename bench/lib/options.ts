// The command line of `npm run bench`, read once for every section: which sections run, and their options.
//
//   npm run bench                          every section (needs `npm run build` and `npm run build:static`)
//   npm run bench -- devices               one section, or several: npm run bench -- grid export
//   npm run bench -- --only grid,export    the same, as a list
//   npm run bench -- --quick               every section with small sizes: checks that each one runs
//   npm run bench -- --runs 7              repetitions of each interactive measurement (the median is reported)
//   npm run bench -- --dist other-dist     measure another build of the app (the page sections)
//   npm run bench -- --strict              exit 1 when a target of the page sections is missed
//   npm run bench -- --server bench-results/server-1m.seed.sqlite grid
//                                          the grid through the console server (dist/ + dist-server/) on a copy of
//                                          that database (1,000,000 devices: the server section seeds it); without
//                                          sections named, load and grid (the others change the data)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = join(ROOT, 'bench-results');

/** The page sections share one browser and one results file; the server and devices sections run alone. */
export const PAGE_SECTIONS = ['bundle', 'load', 'grid', 'export', 'approve', 'import'] as const;
export const SECTIONS = [...PAGE_SECTIONS, 'server', 'devices'] as const;
export type SectionName = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const WITH_VALUE = new Set(['runs', 'heavy-runs', 'server', 'dist', 'out', 'only']);

function option(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
export const hasFlag = (name: string): boolean => args.includes(`--${name}`);

/** Sections named on the command line (words, or --only a,b); none named: all of them. */
function chosenSections(): Set<SectionName> {
  const named = args.filter((arg, i) => {
    const previous = args[i - 1];
    return !arg.startsWith('--') && !(previous?.startsWith('--') && WITH_VALUE.has(previous.slice(2)));
  });
  const only = option('only');
  if (only) named.push(...only.split(','));
  const unknown = named.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(
      `No section ${unknown.map((n) => `"${n}"`).join(', ')}: the sections are ${SECTIONS.join(', ')}.`,
    );
    process.exit(1);
  }
  // Against a copy of a console server's database, only the sections that leave the data as it is make sense.
  const defaults: readonly SectionName[] = option('server') ? ['load', 'grid'] : SECTIONS;
  return new Set((named.length > 0 ? named : defaults) as SectionName[]);
}

/** Small sizes everywhere: a check that each section runs, not a measurement. */
export const isQuick = hasFlag('quick');
export const isVerbose = hasFlag('verbose');
export const isStrict = hasFlag('strict');
export const sections = chosenSections();
export const RUNS = Number(option('runs') ?? (isQuick ? '1' : '5'));
export const HEAVY_RUNS = Number(option('heavy-runs') ?? '1');
// The console server's database to measure the page against (a copy of it); without it, the in-page demo.
const serverOption = option('server');
export const SERVER_SEED = serverOption ? resolve(ROOT, serverOption) : undefined;
// The in-page demo build: the page with its backend, as this benchmark has always measured it. With
// --server, the page of the server build (dist/), served by the console server.
export const DIST = resolve(ROOT, option('dist') ?? (SERVER_SEED ? 'dist' : 'dist-static'));
export const PAGE_OUT = resolve(
  ROOT,
  option('out') ?? (SERVER_SEED ? 'bench-results/grid-server.json' : 'bench-results/latest.json'),
);
