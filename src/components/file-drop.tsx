// A file picker that also takes a dropped file. It hands the File to the caller and knows nothing of
// what the file holds; the caller reads and checks it, and passes back an error to show.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, FormHelperText, Typography } from '@mui/material';
import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';

export interface FileDropProps {
  /** The accessible name of the file input, and the text of the button. */
  label: string;
  /** File types for the picker, as in `<input accept>`, e.g. ".pem,.cer,.crt". */
  accept?: string;
  onFile: (file: File) => void;
  /** The chosen file's name, shown in the box. */
  fileName?: string;
  helperText?: ReactNode;
  /** What is wrong with the chosen file. */
  error?: string;
  disabled?: boolean;
}

export function FileDrop({ label, accept, onFile, fileName, helperText, error, disabled }: FileDropProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const helperId = useId();

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <Box>
      <Box
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={handleDrop}
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: error ? 'error.main' : isDragging ? 'primary.main' : 'divider',
          bgcolor: isDragging ? 'action.hover' : 'transparent',
          borderRadius: 1,
          p: 2,
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <Button
          variant="outlined"
          startIcon={<UploadFileIcon />}
          disabled={disabled}
          onClick={() => inputRef.current?.click()}
        >
          {label}
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {fileName ?? 'or drop a file here'}
        </Typography>
        <input
          ref={inputRef}
          type="file"
          hidden
          accept={accept}
          aria-label={label}
          aria-describedby={helperText || error ? helperId : undefined}
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Reset, so choosing the same file again fires onChange again.
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
      </Box>
      {(error || helperText) && (
        <FormHelperText id={helperId} error={Boolean(error)} role={error ? 'alert' : undefined}>
          {error ?? helperText}
        </FormHelperText>
      )}
    </Box>
  );
}
