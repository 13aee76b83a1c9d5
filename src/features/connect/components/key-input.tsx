import AutorenewIcon from '@mui/icons-material/Autorenew';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Button, IconButton, InputAdornment, Stack, TextField, Tooltip } from '@mui/material';
import { useState, type Ref } from 'react';
import { copyToClipboard } from '../../../components/secret-field';

export interface KeyInputProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  onGenerate: () => void;
  inputRef?: Ref<HTMLInputElement>;
  error?: string;
  helperText?: string;
  disabled?: boolean;
}

/** An editable symmetric key: masked until shown, copyable, with Generate. */
export function KeyInput({
  label,
  name,
  value,
  onChange,
  onBlur,
  onGenerate,
  inputRef,
  error,
  helperText,
  disabled,
}: KeyInputProps) {
  const [isShown, setIsShown] = useState(false);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label={label}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        inputRef={inputRef}
        type={isShown ? 'text' : 'password'}
        required
        fullWidth
        disabled={disabled}
        error={Boolean(error)}
        helperText={error ?? helperText}
        slotProps={{
          htmlInput: { spellCheck: false, autoComplete: 'off', sx: { fontFamily: 'monospace' } },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={isShown ? 'Hide' : 'Show'}>
                  <IconButton
                    aria-label={isShown ? `Hide ${label}` : `Show ${label}`}
                    onClick={() => setIsShown((s) => !s)}
                    size="small"
                  >
                    {isShown ? <VisibilityOffIcon fontSize="small" /> : <VisibilityIcon fontSize="small" />}
                  </IconButton>
                </Tooltip>
                <Tooltip title="Copy to clipboard">
                  <span>
                    <IconButton
                      aria-label={`Copy ${label}`}
                      onClick={() => void copyToClipboard(value, label)}
                      disabled={value === ''}
                      edge="end"
                      size="small"
                    >
                      <ContentCopyIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      <Button
        startIcon={<AutorenewIcon />}
        onClick={onGenerate}
        disabled={disabled}
        aria-label={`Generate ${label.toLowerCase()}`}
        sx={{ mt: 0.25, flexShrink: 0 }}
      >
        Generate
      </Button>
    </Stack>
  );
}
