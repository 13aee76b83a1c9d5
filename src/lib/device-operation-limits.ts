// Limits of the demo's bulk device operations (api/extensions.ts), shared by the client that sends
// the batches and the backend that refuses larger ones.

/** The most rows one import or export request carries. */
export const DEVICE_OPERATION_BATCH_MAX = 5000;

/** The failed rows a Device operation's report keeps (it counts them all); the page that ran it has the rest. */
export const DEVICE_OPERATION_FAILURES_KEPT = 1000;

/** The Device operations the backend keeps, newest first. */
export const DEVICE_OPERATIONS_KEPT = 20;

/** A running operation whose page sent nothing for this long reads as stopped (its page was closed or went offline). */
export const RUNNING_SILENCE_MS = 30_000;

/** A failed row's id and name are kept this long in a report: a hostile file's 50,000-character id is not kept whole. */
export const DEVICE_OPERATION_FAILURE_TEXT_MAX = 200;

/** `text` cut to DEVICE_OPERATION_FAILURE_TEXT_MAX characters, with an ellipsis where it was cut. */
export function clipFailureText(text: string): string {
  const max = DEVICE_OPERATION_FAILURE_TEXT_MAX;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `items` in runs of `size` (the last may be shorter): an import's or an export's batches, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
