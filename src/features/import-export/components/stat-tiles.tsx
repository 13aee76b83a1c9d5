import { Box, Paper, Typography } from '@mui/material';

export interface StatTile {
  label: string;
  value: number;
  /** Draws the eye to a number that needs attention. */
  tone?: 'default' | 'success' | 'warning' | 'error';
}

export interface StatTilesProps {
  /** The accessible name of the whole set, e.g. "Dry run summary". */
  label: string;
  tiles: StatTile[];
}

const TONE_COLOR = {
  default: 'text.primary',
  success: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
} as const;

/** A row of counts ("New 3", "Existing 1", "Invalid 2"); each tile is a group named by its label. */
export function StatTiles({ label, tiles }: StatTilesProps) {
  return (
    <Box
      role="group"
      aria-label={label}
      sx={{ display: 'grid', gridTemplateColumns: `repeat(${tiles.length}, minmax(0, 1fr))`, gap: 1 }}
    >
      {tiles.map((tile) => (
        <Paper
          key={tile.label}
          variant="outlined"
          role="group"
          aria-label={tile.label}
          sx={{ px: 1.5, py: 1 }}
        >
          <Typography
            component="div"
            sx={{
              fontSize: '1.5rem',
              fontWeight: 600,
              lineHeight: 1.3,
              color: tile.value > 0 ? TONE_COLOR[tile.tone ?? 'default'] : 'text.secondary',
            }}
          >
            {tile.value.toLocaleString('en-US')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {tile.label}
          </Typography>
        </Paper>
      ))}
    </Box>
  );
}
