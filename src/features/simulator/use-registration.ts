// One registration as the simulator runs it: the protocol steps as they happen, the result or the
// error, and Cancel.
import { useCallback, useRef, useState } from 'react';
import {
  DpsError,
  registerDevice,
  type DpsRegistrationResult,
  type DpsStep,
  type RegisterDeviceOptions,
} from '../../lib/dps-client';
import { useRefreshAfterRegistration } from './mutations';

export type RegistrationRun =
  | { state: 'idle' }
  | { state: 'running'; steps: DpsStep[] }
  | { state: 'done'; steps: DpsStep[]; result: DpsRegistrationResult }
  | { state: 'failed'; steps: DpsStep[]; error: { message: string; status?: number; errorCode?: number } }
  | { state: 'cancelled'; steps: DpsStep[] };

export function useRegistration() {
  const [run, setRun] = useState<RegistrationRun>({ state: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const refresh = useRefreshAfterRegistration();

  const start = useCallback(
    async (options: Omit<RegisterDeviceOptions, 'onStep' | 'signal'>) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const steps: DpsStep[] = [];
      setRun({ state: 'running', steps: [] });
      try {
        const result = await registerDevice({
          ...options,
          signal: abort.signal,
          onStep: (step) => {
            steps.push(step);
            if (!abort.signal.aborted) setRun({ state: 'running', steps: [...steps] });
          },
        });
        if (!abort.signal.aborted) setRun({ state: 'done', steps: [...steps], result });
      } catch (error) {
        if (abort.signal.aborted) {
          setRun({ state: 'cancelled', steps: [...steps] });
        } else if (error instanceof DpsError) {
          setRun({
            state: 'failed',
            steps: [...steps],
            error: { message: error.message, status: error.status, errorCode: error.errorCode },
          });
        } else {
          const message = error instanceof Error ? error.message : String(error);
          setRun({
            state: 'failed',
            steps: [...steps],
            error: { message: `The device could not register: ${message}` },
          });
        }
      } finally {
        if (controller.current === abort) controller.current = null;
        await refresh();
      }
    },
    [refresh],
  );

  const cancel = useCallback(
    () => controller.current?.abort(new DOMException('Cancelled by the operator', 'AbortError')),
    [],
  );
  const reset = useCallback(() => setRun({ state: 'idle' }), []);
  return { run, start, cancel, reset };
}
