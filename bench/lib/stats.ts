// Small numeric helpers shared by the sections.
import { loadavg } from 'node:os';

export const log = (...parts: unknown[]): void => console.log(...parts);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] as number;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** The nearest-rank percentile (p in 0–100); 0 for no values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const round = <T extends number | undefined>(n: T, digits = 0): T =>
  (n === undefined ? n : Number(n.toFixed(digits))) as T;

export interface Summary {
  median: number;
  runs: number[];
}

export const summary = (times: number[]): Summary => ({
  median: median(times),
  runs: times.map((t) => round(t, 1)),
});

/** `a, b, c` of times in whole milliseconds, as the logs print runs. */
export const msList = (times: number[]): string => times.map((t) => t.toFixed(0)).join(', ');

/** The longest of some long tasks, 0 for none. */
export const longest = (tasks: number[]): number => Math.max(0, ...tasks);

/** The machine's load averages (1, 5, 15 minutes), written beside every result. */
export const loadAverage = (): number[] => loadavg().map((n) => round(n, 2));
