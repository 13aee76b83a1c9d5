// The dry run of the Import dialog: read and validate the file (in a worker), then ask the backend which
// ids exist. Nothing is written. A new file, or the upper-case fix, starts it again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import type { ImportValidation, InvalidRow } from '../../../lib/csv-import';
import { checkImportFile } from '../check-import-file';
import { dryRunImport } from '../import-operation';

/** User Timing entries (DevTools Performance panel, the benchmark) for each step of the dry run. */
function measure(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
}

export type ImportCheck =
  | { phase: 'idle' }
  | { phase: 'reading'; file: File; fraction: number }
  | { phase: 'checking'; file: File; validation: ImportValidation; fraction: number }
  | { phase: 'fatal'; file: File; validation: ImportValidation }
  | { phase: 'ready'; file: File; validation: ImportValidation; existing: Set<string>; refused: InvalidRow[] }
  | { phase: 'error'; file: File; message: string };

export function useImportCheck() {
  const [check, setCheck] = useState<ImportCheck>({ phase: 'idle' });
  const [isLowerCasing, setIsLowerCasing] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const run = useCallback(async (file: File, lowerCaseIds: boolean) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const { signal } = controller;
    setIsLowerCasing(lowerCaseIds);
    setCheck({ phase: 'reading', file, fraction: 0 });
    const startedAt = performance.now();
    let validation: ImportValidation;
    try {
      validation = await checkImportFile(file, {
        lowerCaseIds,
        signal,
        onProgress: (fraction) =>
          setCheck((c) => (c.phase === 'reading' && c.file === file ? { ...c, fraction } : c)),
      });
    } catch (error) {
      if (signal.aborted) return;
      setCheck({ phase: 'error', file, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (signal.aborted) return;
    measure('iotc-import:check-file', startedAt);
    if (validation.fatal) {
      setCheck({ phase: 'fatal', file, validation });
      return;
    }
    setCheck({ phase: 'checking', file, validation, fraction: 0 });
    const dryRunAt = performance.now();
    try {
      const { existing, failed } = await dryRunImport(validation.rows, undefined, {
        signal,
        onProgress: (fraction) =>
          setCheck((c) => (c.phase === 'checking' && c.file === file ? { ...c, fraction } : c)),
      });
      if (signal.aborted) return;
      measure('iotc-import:dry-run', dryRunAt);
      setCheck({ phase: 'ready', file, validation, existing, refused: failed });
    } catch (error) {
      if (signal.aborted) return;
      const reason = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      setCheck({ phase: 'error', file, message: `Could not check which devices already exist: ${reason}` });
    }
  }, []);

  const checkFile = useCallback((file: File) => void run(file, false), [run]);
  const setLowerCase = useCallback(
    (value: boolean) => {
      if ('file' in check) void run(check.file, value);
    },
    [check, run],
  );
  const retry = useCallback(() => {
    if ('file' in check) void run(check.file, isLowerCasing);
  }, [check, isLowerCasing, run]);

  return { check, isLowerCasing, checkFile, setLowerCase, retry };
}
