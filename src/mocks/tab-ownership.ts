// The in-page demo keeps its data in this tab's memory and saves it to IndexedDB, which every tab of the
// origin shares. Two tabs writing their own copies would lose each other's changes, so one tab at a time
// owns the backend, by a Web Lock. Another tab says the demo is open elsewhere and offers to take over;
// the tab that loses the lock stops answering at once and must reload (reading the saved data) before it
// may write again.
const LOCK = 'iotc-demo-backend';
const TAKE_OVER = 'iotc-demo-take-over';

export type Ownership = { isOwner: true; onLost: (listener: () => void) => void } | { isOwner: false };

/** Asks for the lock: at once if free, or from its holder when this tab was asked to take over. */
export function claimBackend(): Promise<Ownership> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // Without Web Locks (very old browsers) there is no way to tell: act alone, as before.
  if (!locks) return Promise.resolve({ isOwner: true, onLost: () => undefined });
  const isTakingOver = sessionStorage.getItem(TAKE_OVER) === '1';
  sessionStorage.removeItem(TAKE_OVER);
  return new Promise((resolve) => {
    const lost: (() => void)[] = [];
    const held = locks.request(LOCK, isTakingOver ? { steal: true } : { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve({ isOwner: false });
        return undefined;
      }
      resolve({ isOwner: true, onLost: (listener) => lost.push(listener) });
      // Held for the life of the tab.
      return new Promise<void>(() => undefined);
    });
    // The lock was stolen by a tab that took over.
    held.catch(() => {
      for (const listener of lost) listener();
    });
  });
}

/** Reloads this tab as the demo's owner, taking the lock from the tab that has it. */
export function takeOverBackend(): void {
  sessionStorage.setItem(TAKE_OVER, '1');
  location.reload();
}

/**
 * The page a tab shows instead of the console while another tab owns the demo, or once it lost the
 * demo to one: plain DOM, since React may not be running (or must stop writing).
 */
export function showOpenElsewhere(container: HTMLElement, wasOwner: boolean): void {
  const panel = document.createElement('div');
  panel.setAttribute('role', 'alertdialog');
  panel.setAttribute('aria-modal', 'true');
  panel.setAttribute('aria-labelledby', 'open-elsewhere-title');
  panel.setAttribute('aria-describedby', 'open-elsewhere-text');
  panel.style.cssText =
    'position:fixed;inset:0;z-index:2000;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.55);font:16px Roboto,system-ui,sans-serif';
  const card = document.createElement('div');
  card.style.cssText = 'max-width:460px;margin:16px;padding:24px;border-radius:8px;background:#fff;color:#1f1f1f;box-shadow:0 8px 32px rgba(0,0,0,.3)';
  const title = document.createElement('h1');
  title.id = 'open-elsewhere-title';
  title.style.cssText = 'margin:0 0 12px;font-size:20px;font-weight:500';
  title.textContent = 'The demo is open in another tab';
  const text = document.createElement('p');
  text.id = 'open-elsewhere-text';
  text.style.cssText = 'margin:0 0 20px;line-height:1.5';
  text.textContent = wasOwner
    ? 'Another tab took over the demo. This tab stopped, so that the two cannot overwrite each other’s changes; nothing you saved here is lost. Use it here to continue in this tab with the latest data.'
    : 'The in-page demo keeps its data in one tab at a time, so that two tabs cannot overwrite each other’s changes. Use it here to move it to this tab; the other tab stops. (The console server, npm start, has no such limit.)';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Use it here';
  button.style.cssText = 'padding:8px 20px;border:0;border-radius:4px;background:#0f6cbd;color:#fff;font:500 15px Roboto,system-ui,sans-serif;cursor:pointer';
  button.addEventListener('click', takeOverBackend);
  card.append(title, text, button);
  panel.append(card);
  container.append(panel);
  button.focus();
}
