// MUI X DataGrid imports a Material UI component for every "base slot" it might render, including ones the
// community grid as configured here never renders on the Devices page: the filter panel's Autocomplete (the
// grid's column filter is off: filters are the page's own, server-side), the long-text editor's textarea (no
// cell is editable), and Switch, Tabs, Tab and ToggleButton (used only by the Pro and Premium grids). Together
// they are about 15 KB gzipped of the first load.
//
// In the production build, when (and only when) the grid's material bindings import one of these, they get a
// stand-in that loads the real component the first time it renders (src/components/lazy-part.tsx). Every
// other importer, the app's own code included, gets the real component as usual.
import { fileURLToPath } from 'node:url';

const LAZY_PARTS = new Set([
  '@mui/material/Autocomplete',
  '@mui/material/Switch',
  '@mui/material/Tabs',
  '@mui/material/Tab',
  '@mui/material/ToggleButton',
]);
const GRID_MATERIAL = /[\\/]@mui[\\/]x-data-grid[\\/]material[\\/]index\.m?js$/;
const PREFIX = '\0lazy-grid-part:';
const LAZY_PART = fileURLToPath(new URL('../../src/components/lazy-part.tsx', import.meta.url));

/** @returns {import('vite').Plugin} */
export function lazyGridParts() {
  return {
    name: 'lazy-grid-parts',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && GRID_MATERIAL.test(importer) && LAZY_PARTS.has(source)) return PREFIX + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      return [
        `import { lazyPart } from ${JSON.stringify(LAZY_PART)};`,
        `export default lazyPart(() => import(${JSON.stringify(source)}));`,
      ].join('\n');
    },
  };
}
