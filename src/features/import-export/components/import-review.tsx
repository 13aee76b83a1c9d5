import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import {
  annotatedInvalidCsv,
  describeIdChange,
  type ImportValidation,
  type InvalidRow,
} from '../../../lib/csv-import';
import { downloadText } from '../../../components/download';
import type { ExistingChoice } from '../import-operation';
import { ProblemRowsTable } from './problem-rows-table';
import { StatTiles } from './stat-tiles';

export interface ImportReviewProps {
  fileName: string;
  validation: ImportValidation;
  existing: Set<string>;
  /** The file's invalid rows plus any the backend would refuse. */
  invalid: readonly InvalidRow[];
  isLowerCasing: boolean;
  onLowerCase: (value: boolean) => void;
  existingChoice: ExistingChoice;
  onExistingChoice: (choice: ExistingChoice) => void;
  /** "Thermostat", or undefined for none. */
  templateName: string | undefined;
}

const n = (value: number) => value.toLocaleString('en-US');
const CHANGES_SHOWN = 8;

/** The dry run's result: how many rows are new, existing and invalid, the upper-case fix, and the choice for existing ids. */
export function ImportReview(props: ImportReviewProps) {
  const {
    fileName,
    validation,
    existing,
    invalid,
    isLowerCasing,
    onLowerCase,
    existingChoice,
    onExistingChoice,
    templateName,
  } = props;
  const newCount = validation.rows.length - existing.size;
  const changes = isLowerCasing ? validation.rows.filter((row) => row.changedFrom !== undefined) : [];
  const invalidFileName = `${fileName.replace(/\.csv$/i, '') || 'import'}-invalid-rows.csv`;

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <StatTiles
        label="Dry run summary"
        tiles={[
          { label: 'New', value: newCount, tone: 'success' },
          { label: 'Existing', value: existing.size, tone: 'warning' },
          { label: 'Invalid', value: invalid.length, tone: 'error' },
        ]}
      />

      {!isLowerCasing && validation.fixable > 0 && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => onLowerCase(true)}>
              Lower-case IDs
            </Button>
          }
        >
          {validation.fixable === 1 ? '1 device ID has' : `${n(validation.fixable)} device IDs have`}{' '}
          upper-case letters. Device IDs are lower case: lower-case them to import these rows.
        </Alert>
      )}
      {changes.length > 0 && (
        <Alert
          severity="success"
          action={
            <Button color="inherit" size="small" onClick={() => onLowerCase(false)}>
              Undo
            </Button>
          }
        >
          <Typography variant="body2">
            Lower-cased {changes.length === 1 ? '1 device ID' : `${n(changes.length)} device IDs`}:
          </Typography>
          <Box
            component="ul"
            aria-label="Changed device IDs"
            sx={{ m: 0, pl: 2.5, fontFamily: 'monospace', fontSize: '0.8125rem' }}
          >
            {changes.slice(0, CHANGES_SHOWN).map((row) => (
              <li key={row.line}>
                Line {row.line}: {describeIdChange(row)}
              </li>
            ))}
          </Box>
          {changes.length > CHANGES_SHOWN && (
            <Typography variant="body2">…and {n(changes.length - CHANGES_SHOWN)} more.</Typography>
          )}
        </Alert>
      )}

      {invalid.length > 0 && (
        <Box sx={{ display: 'grid', gap: 0.5 }}>
          <Box
            sx={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 1,
              flexWrap: 'wrap',
            }}
          >
            <Typography variant="subtitle2" component="h3">
              Invalid rows: they are left out
            </Typography>
            <Button
              size="small"
              startIcon={<DownloadIcon />}
              onClick={() => downloadText(annotatedInvalidCsv(invalid), invalidFileName)}
            >
              Download invalid rows
            </Button>
          </Box>
          <ProblemRowsTable label="Invalid rows" rows={invalid} />
        </Box>
      )}

      {existing.size > 0 && (
        <FormControl>
          <FormLabel id="existing-choice-label">
            {existing.size === 1 ? '1 device already exists' : `${n(existing.size)} devices already exist`}
          </FormLabel>
          <RadioGroup
            aria-labelledby="existing-choice-label"
            value={existingChoice}
            onChange={(event) => onExistingChoice(event.target.value as ExistingChoice)}
          >
            <FormControlLabel
              value="skip"
              control={<Radio size="small" />}
              label="Skip them: leave them as they are"
            />
            <FormControlLabel
              value="update"
              control={<Radio size="small" />}
              label={`Update them: take the name from the file${templateName ? ` and assign them to ${templateName}` : ''}`}
            />
          </RadioGroup>
        </FormControl>
      )}
    </Box>
  );
}
