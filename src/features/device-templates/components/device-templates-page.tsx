import {
  Alert,
  Box,
  Chip,
  Link as MuiLink,
  Paper,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { useTemplateDeviceCount, useTemplateDeviceCounts } from '../queries';
import { routes } from '../../../lib/routes';
import { TEMPLATE_SOURCE_LABELS } from '../template-source';
import { DeviceCountLink } from './device-count-link';
import { UserText } from '../../../components/user-text';

export function DeviceTemplatesPage() {
  const { data: templates, error, isPending } = useDeviceTemplates();
  const ids = (templates ?? []).map((t) => t['@id'] ?? '');
  const counts = useTemplateDeviceCounts(ids);
  const { data: unassociated } = useTemplateDeviceCount(undefined);
  const sorted = (templates ?? []).toSorted((a, b) =>
    (a.displayName ?? '').localeCompare(b.displayName ?? ''),
  );

  return (
    <Box>
      <PageHeader
        title="Device templates"
        description="The device models of this application. Devices that announce a model ID when they connect are assigned its template; a model only the public model repository knows becomes a new template."
      />
      {error && <Alert severity="error">Could not load the device templates: {error.message}</Alert>}
      {isPending && <Skeleton variant="rectangular" height={160} />}
      {templates && templates.length === 0 && (
        <Alert severity="info">
          No device templates yet. A device that connects with a model ID from the public model repository
          creates one.
        </Alert>
      )}
      {templates && templates.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label="Device templates">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Model ID (DTMI)</TableCell>
                <TableCell>Source</TableCell>
                <TableCell align="right">Devices</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sorted.map((template) => {
                const id = template['@id'] ?? '';
                return (
                  <TableRow key={id} hover>
                    <TableCell>
                      <MuiLink component={Link} to={routes.deviceTemplate(id)} sx={{ fontWeight: 500 }}>
                        <UserText text={template.displayName || id} />
                      </MuiLink>
                      {template.description && (
                        <Typography variant="body2" color="text.secondary">
                          {template.description}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{id}</TableCell>
                    <TableCell>
                      {template.source ? (
                        <Chip
                          size="small"
                          variant="outlined"
                          color={template.source === 'model-repository' ? 'secondary' : 'default'}
                          label={TEMPLATE_SOURCE_LABELS[template.source]}
                        />
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell align="right">
                      <DeviceCountLink count={counts.get(id)} templateId={id} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {unassociated !== undefined && unassociated !== null && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          Devices without a template (Unassociated):{' '}
          <DeviceCountLink count={unassociated} templateId={undefined} />
        </Typography>
      )}
    </Box>
  );
}
