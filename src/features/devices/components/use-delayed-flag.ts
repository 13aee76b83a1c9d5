import { useEffect, useState } from 'react';

/**
 * `flag`, but turning on only once it has stayed on for `delayMs`: a loading indicator that does not
 * flash (nor redraw the grid) for an answer that comes at once. It turns off at once.
 */
export function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [isOn, setIsOn] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setIsOn(true), delayMs);
    return () => {
      clearTimeout(timer);
      setIsOn(false);
    };
  }, [flag, delayMs]);
  return flag && isOn;
}
