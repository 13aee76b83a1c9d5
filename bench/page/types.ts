// What the page's instrumentation exposes, and what a run of the page sections records
// (bench-results/latest.json).
import type { Page } from '@playwright/test';
import type { Summary } from '../lib/stats.ts';

export interface Measurement {
  start: number;
  domAt: number;
  frameAt: number;
  rows: string[];
}

export interface PageBench {
  longTasks: [number, number][];
  firstRowsAt: number | undefined;
  firstRowsFrameAt: number | undefined;
  pending?: Promise<Measurement>;
  arm?: (kind: 'rows' | 'selector', selector?: string, text?: string) => void;
  longTasksBetween?: (start: number, end: number) => number[];
}

/** The floor page's hooks (bench/floor/main.tsx). */
export interface FloorHooks {
  rowsMs(): number;
  exportCsv(): Promise<{ ms: number; longTasks: number[] }>;
  result: { ms: number } | undefined;
}

declare global {
  interface Window {
    __bench: Required<PageBench>;
    floor: FloorHooks;
  }
}

export interface Pair {
  ours?: Summary;
  floor?: Summary;
}
export interface RouteJs {
  chunks: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}
export interface Files {
  files: string[];
  gzip: number;
}
export type WithLongest = Summary & { longestTask: number };

export interface Results {
  date: string;
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  devices: number;
  runs: number;
  browser?: string;
  server?: { seed: string; devices: number };
  bundle: { initial?: RouteJs; floor?: RouteJs; appBeforeFirstRows?: Files; demoBeforeFirstRows?: Files };
  firstRows: Pair;
  heap: { ours?: number; floor?: number };
  interactions: Record<string, Pair>;
  importCheck: {
    ours?: WithLongest;
    parse?: Summary | undefined;
    dryRun?: Summary | undefined;
    floor?: Summary;
  };
  importCreate: { ours?: WithLongest };
  export: { ours?: WithLongest; floor?: WithLongest };
  approve: {
    ours?: {
      ms: number;
      requests: { total: number; byMethod: Record<string, number> };
      longestTask: number;
      summary: string | null;
    };
  };
  table?: unknown[];
  errors?: string[];
}

/** What a page section works with: the app's page and the floor's, side by side, and the results so far. */
export interface PageRun {
  page: Page;
  floor: Page;
  /** The app's origin, its Devices page, and the floor page with as many devices. */
  appUrl: string;
  devicesUrl: string;
  floorUrl: string;
  /** How many devices the app and the floor hold. */
  devices: number;
  results: Results;
}
