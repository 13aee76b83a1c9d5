import LockIcon from '@mui/icons-material/LockOutlined';
import { Alert, AlertTitle, Box, Button } from '@mui/material';
import type { ReactNode } from 'react';
import { ROLE_LABELS, setRole, useRole } from './role';
import { isDemo } from './config';

/** Administration pages: an Operator sees why they cannot open them instead of a page of errors. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const role = useRole();
  if (role === 'administrator') return children;
  return (
    <Box sx={{ maxWidth: 640 }}>
      <Alert
        severity="warning"
        icon={<LockIcon />}
        action={
          isDemo ? (
            <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => setRole('administrator')}>
              Switch to {ROLE_LABELS.administrator}
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>Administrators only</AlertTitle>
        Your role, {ROLE_LABELS[role]}, can work with devices but cannot open Administration (Device connection and
        Certificates). Ask an administrator of the application for access.
      </Alert>
    </Box>
  );
}
