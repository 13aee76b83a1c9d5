// The device actions this page ran (Approve, Block, Unblock, Migrate, Delete, and their undos), newest
// first, for the Device operations panel: after an action's notification is gone, its Undo is still there
// (components/recent-actions.tsx). What Undo needs lives in this page only, so the list is this page's.
import { useSyncExternalStore } from 'react';
import type { BulkReport } from '../../lib/bulk';
import type { UndoRecord } from './undo';

export interface FinishedAction {
  id: string;
  /** E.g. "Block of 12 devices", "Undo block of 12 devices". */
  title: string;
  finishedAt: number;
  /** E.g. "12 blocked, 1 skipped." */
  summary: string;
  /** What Undo needs; gone once Undo has started (from here or from the notification). */
  undo?: UndoRecord;
}

/** How many finished actions the panel keeps. */
export const ACTIONS_KEPT = 10;

let actions: readonly FinishedAction[] = [];
const listeners = new Set<() => void>();

function emit() {
  listeners.forEach((listener) => listener());
}

/** The outcome of a run in a line: "12 blocked, 1 skipped, 2 failed." */
export function summarize(report: BulkReport, pastLabel: string): string {
  const parts = [`${report.succeeded.length.toLocaleString('en-US')} ${pastLabel}`];
  if (report.skipped.length > 0) parts.push(`${report.skipped.length.toLocaleString('en-US')} skipped`);
  if (report.failed.length > 0) parts.push(`${report.failed.length.toLocaleString('en-US')} failed`);
  if (report.cancelled.length > 0) parts.push(`${report.cancelled.length.toLocaleString('en-US')} cancelled`);
  return `${parts.join(', ')}.`;
}

export function recordFinishedAction(entry: Omit<FinishedAction, 'id' | 'finishedAt'>): void {
  actions = [{ ...entry, id: crypto.randomUUID(), finishedAt: Date.now() }, ...actions].slice(0, ACTIONS_KEPT);
  emit();
}

/** Undo of `record` has started: it is offered no more. */
export function forgetUndo(record: UndoRecord): void {
  if (!actions.some((action) => action.undo === record)) return;
  actions = actions.map((action) => {
    if (action.undo !== record) return action;
    const { undo: _undo, ...rest } = action;
    return rest;
  });
  emit();
}

/** For tests: forget everything. */
export function resetFinishedActions(): void {
  actions = [];
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const getSnapshot = () => actions;

export function useFinishedActions(): readonly FinishedAction[] {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
