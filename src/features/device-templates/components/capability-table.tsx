import {
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';

export interface CapabilityColumn<T> {
  header: string;
  render: (row: T) => ReactNode;
  isCode?: boolean;
}

export interface CapabilityTableProps<T> {
  /** The table's accessible name and heading, e.g. "Telemetry". */
  title: string;
  rows: T[];
  columns: CapabilityColumn<T>[];
  rowKey: (row: T) => string;
  /** Heading level of the title. */
  headingLevel?: 'h2' | 'h3' | 'h4';
}

/** One kind of capability (telemetry, properties ...) as a table; nothing when there are none. */
export function CapabilityTable<T>({
  title,
  rows,
  columns,
  rowKey,
  headingLevel = 'h3',
}: CapabilityTableProps<T>) {
  if (rows.length === 0) return null;
  return (
    <section>
      <Typography variant="subtitle1" component={headingLevel} sx={{ fontWeight: 600, mt: 2, mb: 0.5 }}>
        {title} ({rows.length})
      </Typography>
      <TableContainer component={Paper} variant="outlined" role="region" aria-label={title} tabIndex={0}>
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell key={column.header}>{column.header}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={rowKey(row)}>
                {columns.map((column) => (
                  <TableCell
                    key={column.header}
                    sx={column.isCode ? { fontFamily: 'monospace', overflowWrap: 'anywhere' } : undefined}
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </section>
  );
}
