// The confirmation dialog itself, loaded the first time something asks (confirm-dialog.tsx): the Dialog
// and its parts stay out of the first page load.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { ConfirmOptions } from './confirm-dialog';

export interface ConfirmDialogViewProps {
  /** The question asked, or null once answered (the dialog closes with its transition). */
  options: ConfirmOptions | null;
  onAnswer: (ok: boolean) => void;
}

export function ConfirmDialogView({ options, onAnswer }: ConfirmDialogViewProps) {
  return (
    <Dialog
      open={options !== null}
      onClose={() => onAnswer(false)}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      maxWidth="xs"
    >
      {options && (
        <>
          <DialogTitle id="confirm-title">{options.title}</DialogTitle>
          <DialogContent>
            <DialogContentText id="confirm-message" component="div">
              {options.message}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            {/* A destructive action starts on Cancel, so a reflexive Enter deletes nothing. */}
            <Button onClick={() => onAnswer(false)} autoFocus={options.isDestructive === true}>
              {options.cancelLabel ?? 'Cancel'}
            </Button>
            <Button
              variant="contained"
              color={options.isDestructive ? 'error' : 'primary'}
              onClick={() => onAnswer(true)}
              autoFocus={options.isDestructive !== true}
            >
              {options.confirmLabel}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
