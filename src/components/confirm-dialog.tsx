// The one confirmation dialog for destructive actions: promise-based, so a caller can
// `if (await confirm({...})) doIt()`.
import { createContext, lazy, Suspense, use, useCallback, useState, type ReactNode } from 'react';

// Loaded the first time something asks, and kept mounted from then on (its closing transition).
const ConfirmDialogView = lazy(async () => ({
  default: (await import('./confirm-dialog-view')).ConfirmDialogView,
}));

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
  const [hasAsked, setHasAsked] = useState(false);
  const confirm = useCallback<Confirm>(
    (options) =>
      new Promise((resolve) => {
        setHasAsked(true);
        setPending({ options, resolve });
      }),
    [],
  );
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <ConfirmContext value={confirm}>
      {children}
      {hasAsked && (
        <Suspense fallback={null}>
          <ConfirmDialogView options={pending?.options ?? null} onAnswer={close} />
        </Suspense>
      )}
    </ConfirmContext>
  );
}

export function useConfirm(): Confirm {
  const confirm = use(ConfirmContext);
  if (!confirm) throw new Error('useConfirm needs a ConfirmProvider');
  return confirm;
}
