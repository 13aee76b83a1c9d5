import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, Tooltip } from '@mui/material';
import { useState, type ReactNode } from 'react';

export interface MaskedKeyFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helperText?: ReactNode;
  disabled?: boolean;
}

/** A key the operator types or pastes: masked until Show, never spell-checked or autofilled. */
export function MaskedKeyField({ label, value, onChange, error, helperText, disabled }: MaskedKeyFieldProps) {
  const [isShown, setIsShown] = useState(false);
  return (
    <TextField
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value.trim())}
      type={isShown ? 'text' : 'password'}
      error={Boolean(error)}
      helperText={error ?? helperText}
      disabled={disabled}
      fullWidth
      slotProps={{
        htmlInput: { spellCheck: false, autoComplete: 'off', sx: { fontFamily: 'monospace' } },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={isShown ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}>
                <IconButton
                  aria-label={isShown ? `Hide ${label}` : `Show ${label}`}
                  onClick={() => setIsShown((s) => !s)}
                  size="small"
                  edge="end"
                >
                  {isShown ? <VisibilityOffIcon fontSize="small" /> : <VisibilityIcon fontSize="small" />}
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
