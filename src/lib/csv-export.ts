// IoT Central's device export (reference: dps-protocol.md §6): one row per device with its per-device
// SAS keys (derived ones for group enrollments, not connection strings) and X.509 thumbprints.
import Papa from 'papaparse';
import { IOTC_DEVICEID, IOTC_DEVICENAME } from './csv-import';
import { guardFormula } from './formula-guard';

export const EXPORT_COLUMNS = [
  IOTC_DEVICEID,
  IOTC_DEVICENAME,
  'IOTC_SASKEY_PRIMARY',
  'IOTC_SASKEY_SECONDARY',
  'IOTC_X509THUMBPRINT_PRIMARY',
  'IOTC_X509THUMBPRINT_SECONDARY',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export interface ExportRow {
  id: string;
  name: string;
  sasPrimary?: string;
  sasSecondary?: string;
  x509Primary?: string;
  x509Secondary?: string;
}

/**
 * The export file, shaped like IoT Central's own CSV: UTF-8 BOM (so Excel reads names as UTF-8), comma
 * delimiter, CRLF line endings, a final CRLF.
 *
 * Formula injection: IoT Central writes names verbatim, but a device can pick its own name, and a name
 * such as `=cmd|' /C calc'!A0` or `-2+3` runs in a spreadsheet. So this export takes the safe side:
 * the text columns (ID and name) go through guardFormula (OWASP's rule: =, +, -, @, tab, CR), and the
 * import (unguardFormula) removes the apostrophe again, so export → import gives back the same IDs and
 * names. The key and thumbprint columns (base64 and hex, never read back as text) are written exactly.
 */
export function toExportCsv(rows: readonly ExportRow[]): string {
  const data = rows.map((row) => [
    guardFormula(row.id),
    guardFormula(row.name),
    row.sasPrimary ?? '',
    row.sasSecondary ?? '',
    row.x509Primary ?? '',
    row.x509Secondary ?? '',
  ]);
  const csv = Papa.unparse({ fields: [...EXPORT_COLUMNS], data }, { newline: '\r\n', escapeFormulae: false });
  return csv.endsWith('\r\n') ? `\uFEFF${csv}` : `\uFEFF${csv}\r\n`;
}
