// `npm run bench`: every section of the benchmark, or those named (see docs/performance.md).
//   Page sections (bench/page, bench/sections/{bundle,load,grid,export,approve,import}.ts): the production
//   build in headless Chromium with 100,000 devices in the demo backend against the bare libraries (the
//   floor, bench/floor); bench-results/latest.json.
//   server (bench/sections/server.ts): the console server with 1,000,000 devices from a Node client;
//   bench-results/server.json.
//   devices (bench/sections/devices.ts): real-device registrations and telemetry through the console
//   server's DPS and hub; bench-results/devices.json.
// The options are in bench/lib/options.ts. TypeScript that Node 22 runs as it is (type stripping).
import { PAGE_SECTIONS, sections } from './lib/options.ts';
import { log } from './lib/stats.ts';
import { runPageSections } from './page/run-page.ts';
import { devices } from './sections/devices.ts';
import { server } from './sections/server.ts';

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `The benchmark needs Node 22 or later (this is ${process.version}): run it through npm, npm run bench -- [options].`,
  );
  process.exit(1);
}

try {
  if (PAGE_SECTIONS.some((name) => sections.has(name))) await runPageSections(sections);
  if (sections.has('server')) {
    log('\nThe console server at scale (section server):');
    await server();
  }
  if (sections.has('devices')) {
    log('\nReal devices through the console server (section devices):');
    await devices();
  }
} catch (error) {
  console.error(error);
  process.exit(1);
}
