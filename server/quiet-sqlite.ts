// node:sqlite says once that it is experimental; that one warning is known and says nothing to a user.
// Both servers' entries (main.ts, gateway/main.ts) call this first, then import what loads node:sqlite.
export function quietSqliteWarning(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).startsWith('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}
