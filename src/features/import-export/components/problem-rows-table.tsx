import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { InvalidRow } from '../../../lib/csv-import';
import { useDeferredValue, useMemo } from 'react';
import { UserText } from '../../../components/user-text';

export interface ProblemRowsTableProps {
  /** The table's accessible name, e.g. "Invalid rows". */
  label: string;
  rows: readonly InvalidRow[];
  /** At most this many rows are drawn; the rest are in the downloadable file. */
  limit?: number;
}

export const PROBLEM_ROWS_LIMIT = 100;
/** A cell shows this much of an ID or a name (a file may hold 50,000-character IDs); the title has it all. */
const CELL_MAX_CHARS = 80;
const REASON_MAX_CHARS = 300;
const FIRST_ROWS = 10;

// Styled once for the table rather than per cell: up to 100 rows are drawn at once.
const tableSx = {
  '& td': { overflowWrap: 'anywhere' },
  '& td:nth-of-type(2)': { maxWidth: 180, fontFamily: 'monospace' },
  '& td:nth-of-type(3)': { maxWidth: 160 },
} as const;

/** Rows that cannot be imported, with their line in the file and what is wrong. */
export function ProblemRowsTable({ label, rows, limit = PROBLEM_ROWS_LIMIT }: ProblemRowsTableProps) {
  const all = useMemo(() => (rows.length > limit ? rows.slice(0, limit) : rows), [rows, limit]);
  // The first rows at once, the rest in a background render that yields to the page: 100 rows of
  // MUI cells in one task could freeze it for a few hundred milliseconds on a busy machine.
  const first = useMemo(() => all.slice(0, FIRST_ROWS), [all]);
  const shown = useDeferredValue(all, first);
  return (
    <>
      <TableContainer sx={{ maxHeight: 260, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label={label} sx={tableSx}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 64 }}>Line</TableCell>
              <TableCell>Device ID</TableCell>
              <TableCell>Device name</TableCell>
              <TableCell>Reason</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((row, i) => (
              <TableRow key={`${row.line}-${i}`}>
                <TableCell>{row.line > 0 ? row.line : '–'}</TableCell>
                <TableCell>
                  {row.id ? <UserText text={row.id} maxLength={CELL_MAX_CHARS} /> : <em>(empty)</em>}
                </TableCell>
                <TableCell>
                  <UserText text={row.name} maxLength={CELL_MAX_CHARS} />
                </TableCell>
                <TableCell>
                  <UserText text={row.reasons.join(' ')} maxLength={REASON_MAX_CHARS} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > all.length && (
        <Typography variant="caption" color="text.secondary">
          Showing the first {all.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')}.
          Download the file to see them all.
        </Typography>
      )}
    </>
  );
}
