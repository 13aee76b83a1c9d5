// A picked file is read asynchronously (certificates in a worker): when the operator picks another file
// before the first is read, the first read's verdict must not replace the second's.
import { useCallback, useRef } from 'react';

/**
 * Wraps an async function so that only the latest call's result is delivered: a call that a newer one has
 * overtaken resolves to undefined (its work finishes unseen), and the caller drops it.
 */
export function useLatestCall<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  const latest = useRef(0);
  return useCallback(
    async (...args: A) => {
      const call = ++latest.current;
      const result = await fn(...args);
      return call === latest.current ? result : undefined;
    },
    [fn],
  );
}
