// One enrollment group: its settings, and its SAS keys and the key tool, or its X.509 CA certificates.
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Breadcrumbs,
  Button,
  Link as MuiLink,
  Paper,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { EnrollmentGroup } from '../../../api/types';
import { useConfirm } from '../../../components/confirm-dialog';
import { notify } from '../../../components/notifications';
import { PageHeader } from '../../../components/page-header';
import { ATTESTATION_LABELS, DEVICE_TYPE_LABELS } from '../labels';
import { useDeleteEnrollmentGroup, useUpdateEnrollmentGroup } from '../mutations';
import { routes } from '../../../lib/routes';
import { useEnrollmentGroup } from '../queries';
import { DeriveKeysCard } from './derive-keys-card';
import { EnrollmentGroupDialog } from './enrollment-group-dialog';
import { EnrollmentGroupStatusChip } from './enrollment-group-status-chip';
import { GroupKeysCard } from './group-keys-card';
import { UserText } from '../../../components/user-text';
import { isolateText } from '../../../lib/visible-text';

export interface EnrollmentGroupPageProps {
  /** An X.509 group's CA certificates, composed in by the app (they belong to the certificates feature). */
  renderCertificates?: (group: EnrollmentGroup) => ReactNode;
}

export function EnrollmentGroupPage({ renderCertificates }: EnrollmentGroupPageProps) {
  const id = useParams().groupId ?? '';
  const { data: group, error, isPending } = useEnrollmentGroup(id);
  const [isEditOpen, setIsEditOpen] = useState(false);
  const deleteGroup = useDeleteEnrollmentGroup();
  const enableGroup = useUpdateEnrollmentGroup();
  const confirm = useConfirm();
  const navigate = useNavigate();

  const handleDelete = async (target: EnrollmentGroup) => {
    const ok = await confirm({
      title: `Delete "${isolateText(target.displayName ?? '')}"?`,
      message:
        target.attestation.type === 'x509'
          ? "Devices whose certificates chain to this group's CA certificates can no longer register. Devices already registered keep their device records."
          : "Devices that use keys derived from this group's keys can no longer register. Devices already registered keep their device records.",
      confirmLabel: 'Delete',
      isDestructive: true,
    });
    if (!ok) return;
    await deleteGroup.mutateAsync(id);
    notify(`Enrollment group "${isolateText(target.displayName ?? '')}" deleted.`, 'success');
    await navigate(routes.deviceConnection());
  };

  const handleEnable = (target: EnrollmentGroup) =>
    enableGroup.mutate(
      { group: target, changes: { enabled: true } },
      {
        onSuccess: () =>
          notify(`Enrollment group "${isolateText(target.displayName ?? '')}" enabled.`, 'success'),
        onError: (e) => notify(e.message, 'error'),
      },
    );

  return (
    <Box>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <MuiLink component={Link} to={routes.deviceConnection()}>
          Device connection
        </MuiLink>
        <Typography color="text.primary">
          <UserText text={group?.displayName ?? id} maxLength={60} />
        </Typography>
      </Breadcrumbs>
      {error && (
        <Alert severity="error">
          {error.status === 404
            ? `There is no enrollment group "${id}". It may have been deleted.`
            : `Could not load enrollment group "${id}": ${error.message}`}
        </Alert>
      )}
      {isPending && <Skeleton variant="rectangular" height={200} />}
      {group && (
        <>
          <PageHeader
            title={<UserText text={group.displayName} />}
            actions={
              <>
                <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setIsEditOpen(true)}>
                  Edit
                </Button>
                <Button
                  variant="outlined"
                  color="error"
                  startIcon={<DeleteIcon />}
                  disabled={deleteGroup.isPending}
                  onClick={() => void handleDelete(group).catch((e: Error) => notify(e.message, 'error'))}
                >
                  Delete
                </Button>
              </>
            }
          />
          {!group.enabled && (
            <Alert
              severity="warning"
              sx={{ mb: 2 }}
              action={
                <Button
                  color="inherit"
                  size="small"
                  disabled={enableGroup.isPending}
                  onClick={() => handleEnable(group)}
                >
                  Enable
                </Button>
              }
            >
              This group is disabled: it refuses every registration, so its devices cannot connect.
            </Alert>
          )}
          <Paper variant="outlined" sx={{ mb: 2 }}>
            <Table size="small" aria-label="Enrollment group settings">
              <TableBody>
                <TableRow>
                  <TableCell component="th" sx={{ width: 200 }}>
                    Group ID
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>
                    <UserText text={group.id} />
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Attestation type</TableCell>
                  <TableCell>{ATTESTATION_LABELS[group.attestation.type]}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Device type</TableCell>
                  <TableCell>{DEVICE_TYPE_LABELS[group.type]}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Status</TableCell>
                  <TableCell>
                    <EnrollmentGroupStatusChip isEnabled={group.enabled} />
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </Paper>
          {group.attestation.type === 'symmetricKey' && (
            <>
              <GroupKeysCard group={group} />
              {group.attestation.symmetricKey && (
                <DeriveKeysCard groupId={group.id ?? id} keys={group.attestation.symmetricKey} />
              )}
            </>
          )}
          {group.attestation.type === 'x509' && renderCertificates?.(group)}
          <EnrollmentGroupDialog open={isEditOpen} onClose={() => setIsEditOpen(false)} group={group} />
        </>
      )}
    </Box>
  );
}
