// The instrumentation that runs in the page (an init script), the same for the app and the floor page.
// Times are performance.now() in the page (0 = navigation start); an interaction runs from the user's
// pointerdown / keydown / change to the first frame after the grid shows different rows.
import type { Measurement, PageBench } from './types.ts';

export function instrument() {
  const bench: PageBench = {
    longTasks: [],
    firstRowsAt: undefined,
    firstRowsFrameAt: undefined,
  };
  window.__bench = bench as Required<PageBench>;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support
  }
  const ROW_CELLS = '[role="row"] [role="gridcell"][data-field="id"]';
  const afterFrame = (callback: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });
  const firstRows = new MutationObserver(() => {
    if (!document.querySelector(ROW_CELLS)) return;
    firstRows.disconnect();
    bench.firstRowsAt = performance.now();
    afterFrame((t) => (bench.firstRowsFrameAt = t));
  });
  firstRows.observe(document, { childList: true, subtree: true });
  const rowKey = () => [...document.querySelectorAll(ROW_CELLS)].map((cell) => cell.textContent).join('|');

  /** Waits for `done()` after the next user input; resolves with { start, domAt, frameAt }. */
  bench.arm = (kind, selector, text) => {
    const before = rowKey();
    let start: number | undefined;
    const events = ['pointerdown', 'keydown', 'change'];
    const onInput = (event: Event) => {
      if (start === undefined) start = event.timeStamp;
    };
    for (const type of events) addEventListener(type, onInput, true);
    const isDone = () => {
      if (kind === 'rows') {
        const key = rowKey();
        return key !== '' && key !== before;
      }
      const element = selector ? document.querySelector(selector) : null;
      return element !== null && (!text || (element.textContent ?? '').includes(text));
    };
    bench.pending = new Promise<Measurement>((resolvePending) => {
      const check = () => {
        if (start === undefined || !isDone()) return;
        observer.disconnect();
        for (const type of events) removeEventListener(type, onInput, true);
        const domAt = performance.now();
        const startedAt = start;
        afterFrame((frameAt) =>
          resolvePending({ start: startedAt, domAt, frameAt, rows: rowKey().split('|').slice(0, 3) }),
        );
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    });
  };
  // Tasks that start from just before the user's input (its own task) to the end: a task that began
  // well before is not the operation's.
  bench.longTasksBetween = (start, end) =>
    bench.longTasks.filter(([at]) => at >= start - 50 && at <= end).map(([, duration]) => duration);
}
