// Real application: who is signed in (the gateway's session), and Sign out.
import LogoutIcon from '@mui/icons-material/Logout';
import { Button, Typography } from '@mui/material';
import { capabilities, signOut } from '../api/capabilities';
import { UserText } from '../components/user-text';
import { ROLE_LABELS } from './role';

export function SignedIn() {
  const session = capabilities().session;
  if (!session) return null;
  return (
    <>
      <Typography variant="body2" noWrap sx={{ maxWidth: 240 }}>
        <UserText text={session.name} maxLength={40} /> · {ROLE_LABELS[session.role]}
      </Typography>
      <Button
        color="inherit"
        startIcon={<LogoutIcon />}
        onClick={() => void signOut().finally(() => location.assign('/'))}
      >
        Sign out
      </Button>
    </>
  );
}
