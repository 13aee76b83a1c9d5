// A read-only value the operator copies somewhere else: an ID scope, a device ID, a key, a thumbprint.
// Secrets are masked until the operator shows them, and copied only on purpose. Never logged.
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Box, IconButton, InputAdornment, TextField, Tooltip } from '@mui/material';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { notify } from './notifications';

export interface SecretFieldProps {
  label: string;
  value: string;
  /** Masked until the operator presses Show. */
  isSecret?: boolean;
  helperText?: ReactNode;
}

const COPIED_FOR_MS = 2000;

/** Text only screen readers hear (the live region that says "copied"). */
export const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

/** Copies text to the clipboard; tells the operator when the browser refuses. */
export async function copyToClipboard(text: string, label: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    notify(
      `Could not copy the ${label.toLowerCase()}: the browser blocked the clipboard. Select the text and copy it yourself.`,
      'error',
    );
    return false;
  }
}

export function SecretField({ label, value, isSecret = false, helperText }: SecretFieldProps) {
  const [isShown, setIsShown] = useState(false);
  const [isCopied, setIsCopied] = useState(false);
  const id = useId();
  const isMasked = isSecret && !isShown;

  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setIsCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [isCopied]);

  const handleCopy = async () => {
    if (await copyToClipboard(value, label)) setIsCopied(true);
  };

  return (
    <Box>
      <TextField
        id={id}
        label={label}
        value={value}
        type={isMasked ? 'password' : 'text'}
        fullWidth
        helperText={helperText}
        slotProps={{
          htmlInput: {
            readOnly: true,
            spellCheck: false,
            autoComplete: 'off',
            sx: { fontFamily: 'monospace', textOverflow: 'ellipsis' },
          },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                {isSecret && (
                  <Tooltip title={isShown ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}>
                    <IconButton
                      aria-label={isShown ? `Hide ${label}` : `Show ${label}`}
                      aria-controls={id}
                      onClick={() => setIsShown((shown) => !shown)}
                      edge={false}
                      size="small"
                    >
                      {isShown ? <VisibilityOffIcon fontSize="small" /> : <VisibilityIcon fontSize="small" />}
                    </IconButton>
                  </Tooltip>
                )}
                {/* Aligned to its button's end: centred, it covered the neighbouring Show button. */}
                <Tooltip title={isCopied ? 'Copied' : 'Copy to clipboard'} placement="top-end">
                  <IconButton
                    aria-label={`Copy ${label}`}
                    onClick={handleCopy}
                    disabled={value === ''}
                    edge="end"
                    size="small"
                  >
                    {isCopied ? (
                      <CheckIcon fontSize="small" color="success" />
                    ) : (
                      <ContentCopyIcon fontSize="small" />
                    )}
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      <Box role="status" sx={visuallyHidden}>
        {isCopied ? `${label} copied to the clipboard` : ''}
      </Box>
    </Box>
  );
}
