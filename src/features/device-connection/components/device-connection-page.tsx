// Administration > Device connection: Auto approve, the ID scope, and the enrollment groups.
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Paper, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { routes } from '../../../lib/routes';
import { useEnrollmentGroups } from '../../../api/query-hooks';
import { AutoApproveCard } from './auto-approve-card';
import { EnrollmentGroupDialog } from './enrollment-group-dialog';
import { EnrollmentGroupsTable } from './enrollment-groups-table';
import { LoadErrorAlert } from '../../../components/load-error-alert';

export function DeviceConnectionPage() {
  const { data: groups, error, isPending, refetch } = useEnrollmentGroups();
  const [isNewOpen, setIsNewOpen] = useState(false);
  const navigate = useNavigate();

  return (
    <Box>
      <PageHeader
        title="Device connection"
        description="How devices register and connect: Auto approve, the ID scope, and the enrollment groups that attest devices with SAS keys or X.509 certificates."
      />
      <AutoApproveCard />
      <Paper variant="outlined">
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1.5, gap: 2 }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="h2" sx={{ fontSize: '1.15rem', fontWeight: 500 }}>
              Enrollment groups
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Devices that are not created one by one register through a group: SAS groups derive each device
              key from the group key; X.509 groups trust the devices whose certificates a verified CA signed.
            </Typography>
          </Box>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setIsNewOpen(true)}>
            New
          </Button>
        </Box>
        {error && <LoadErrorAlert what="the enrollment groups" error={error} onRetry={() => void refetch()} sx={{ m: 2 }} />}
        {isPending && <Skeleton variant="rectangular" height={120} sx={{ m: 2 }} />}
        {groups && <EnrollmentGroupsTable groups={groups} />}
      </Paper>
      <EnrollmentGroupDialog
        open={isNewOpen}
        onClose={() => setIsNewOpen(false)}
        existingIds={(groups ?? []).map((g) => g.id ?? '')}
        onCreated={(group) => void navigate(routes.enrollmentGroup(group.id ?? ''))}
      />
    </Box>
  );
}
