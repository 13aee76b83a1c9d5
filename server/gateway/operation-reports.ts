// The gateway's Device operations' reports (imports, exports), kept in a small SQLite file so that every
// tab and operator reads the same report, after a restart too. The same shape as the demo console server
// keeps them (server/store-sqlite.ts): the list of DeviceOperationEntry as JSON in the `operations` row
// of a `meta` table; the rules that change them are lib/device-operation-records.ts.
//   --data FILE      IOTC_GATEWAY_DATA   default ./.data/gateway.sqlite   (':memory:' keeps none)
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DeviceOperationEntry, OperationLog } from '../../src/lib/device-operation-records';

const SCHEMA = 'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);';

export interface OperationReports extends OperationLog {
  /** Commits the reports as they are now (one transaction). */
  save(): void;
  close(): void;
}

export function openOperationReports(file: string): OperationReports {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL;');
  db.exec(SCHEMA);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'operations'").get() as { value: string } | undefined;
  const put = db.prepare(
    "INSERT INTO meta (key, value) VALUES ('operations', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const reports: OperationReports = {
    operations: row ? (JSON.parse(row.value) as DeviceOperationEntry[]) : [],
    now: () => new Date(),
    save: () => void put.run(JSON.stringify(reports.operations)),
    close: () => db.close(),
  };
  return reports;
}
