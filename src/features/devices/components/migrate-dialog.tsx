import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { UserText } from '../../../components/user-text';

export interface MigrateDialogProps {
  open: boolean;
  count: number;
  onClose: () => void;
  onMigrate: (template: string) => void;
}

export function MigrateDialog({ open, count, onClose, onMigrate }: MigrateDialogProps) {
  const { data: templates } = useDeviceTemplates();
  const [template, setTemplate] = useState('');
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="migrate-title">
      <DialogTitle id="migrate-title">Migrate {count === 1 ? 'device' : `${count.toLocaleString()} devices`}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Choose the device template to associate. Unassociated devices get a template; others move to the new one.
        </DialogContentText>
        <TextField select fullWidth label="Device template" value={template} onChange={(e) => setTemplate(e.target.value)}>
          {(templates ?? []).map((t) => (
            <MenuItem key={t['@id']} value={t['@id']}>
              <UserText text={t.displayName ?? t['@id']} />
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!template}
          onClick={() => {
            onMigrate(template);
            setTemplate('');
          }}
        >
          Migrate
        </Button>
      </DialogActions>
    </Dialog>
  );
}
