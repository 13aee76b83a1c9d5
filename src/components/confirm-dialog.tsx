// The one confirmation dialog for destructive actions: promise-based, so a caller can
// `if (await confirm({...})) doIt()`.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { createContext, use, useCallback, useState, type ReactNode } from 'react';

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** The safe choice's label; "Cancel" unless said otherwise. */
  cancelLabel?: string;
  isDestructive?: boolean;
}

type Confirm = (options: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ options: ConfirmOptions; resolve: (ok: boolean) => void } | null>(
    null,
  );
  const confirm = useCallback<Confirm>(
    (options) => new Promise((resolve) => setPending({ options, resolve })),
    [],
  );
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <ConfirmContext value={confirm}>
      {children}
      <Dialog
        open={pending !== null}
        onClose={() => close(false)}
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        maxWidth="xs"
      >
        {pending && (
          <>
            <DialogTitle id="confirm-title">{pending.options.title}</DialogTitle>
            <DialogContent>
              <DialogContentText id="confirm-message" component="div">
                {pending.options.message}
              </DialogContentText>
            </DialogContent>
            <DialogActions>
              {/* A destructive action starts on Cancel, so a reflexive Enter deletes nothing. */}
              <Button onClick={() => close(false)} autoFocus={pending.options.isDestructive === true}>
                {pending.options.cancelLabel ?? 'Cancel'}
              </Button>
              <Button
                variant="contained"
                color={pending.options.isDestructive ? 'error' : 'primary'}
                onClick={() => close(true)}
                autoFocus={pending.options.isDestructive !== true}
              >
                {pending.options.confirmLabel}
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </ConfirmContext>
  );
}

export function useConfirm(): Confirm {
  const confirm = use(ConfirmContext);
  if (!confirm) throw new Error('useConfirm needs a ConfirmProvider');
  return confirm;
}
