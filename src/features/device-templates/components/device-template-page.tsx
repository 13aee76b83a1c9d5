import DevicesIcon from '@mui/icons-material/DevicesOther';
import {
  Alert,
  Box,
  Breadcrumbs,
  Button,
  Chip,
  Link as MuiLink,
  Paper,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { isDtdlInterface, summarizeCapabilities, type DtdlInterface } from '../../../lib/dtdl';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { useDeviceTemplate, useTemplateDeviceCount } from '../queries';
import { routes } from '../../../lib/routes';
import { TEMPLATE_SOURCE_LABELS } from '../template-source';
import { CapabilitiesSection } from './capabilities-section';
import { DeviceCountLink } from './device-count-link';
import { UserText } from '../../../components/user-text';

export function DeviceTemplatePage() {
  const id = useParams().templateId ?? '';
  const { data: template, error, isPending } = useDeviceTemplate(id);
  const { data: templates } = useDeviceTemplates();
  const { data: count } = useTemplateDeviceCount(id);

  const model = template?.capabilityModel;
  const summary = useMemo(() => {
    if (!isDtdlInterface(model)) return undefined;
    // Component and base interfaces are usually inlined; other templates' models resolve the rest.
    const known = new Map<string, DtdlInterface>();
    for (const t of templates ?? [])
      if (isDtdlInterface(t.capabilityModel)) known.set(t.capabilityModel['@id'], t.capabilityModel);
    return summarizeCapabilities(model, (dtmi) => known.get(dtmi));
  }, [model, templates]);

  const name = template?.displayName || id;
  return (
    <Box>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <MuiLink component={Link} to="/device-templates">
          Device templates
        </MuiLink>
        <Typography color="text.primary">
          <UserText text={name} maxLength={60} />
        </Typography>
      </Breadcrumbs>
      {error && (
        <Alert severity="error">
          {error.status === 404
            ? `There is no device template "${id}" in this application.`
            : `Could not load device template "${id}": ${error.message}`}
        </Alert>
      )}
      {isPending && <Skeleton variant="rectangular" height={200} />}
      {template && (
        <>
          <PageHeader
            title={<UserText text={name} />}
            description={template.description}
            actions={
              <Button variant="outlined" startIcon={<DevicesIcon />} component={Link} to={routes.devices({ template: id })}>
                View devices
              </Button>
            }
          />
          <Paper variant="outlined" sx={{ mb: 3 }}>
            <Table size="small" aria-label="Template properties">
              <TableBody>
                <TableRow>
                  <TableCell component="th" sx={{ width: 200 }}>
                    Model ID (DTMI)
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{id}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Source</TableCell>
                  <TableCell>
                    {template.source ? (
                      <Chip size="small" variant="outlined" label={TEMPLATE_SOURCE_LABELS[template.source]} />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Devices</TableCell>
                  <TableCell>
                    <DeviceCountLink count={count} templateId={id} />
                  </TableCell>
                </TableRow>
                {isDtdlInterface(model) && model['@id'] !== id && (
                  <TableRow>
                    <TableCell component="th">Capability model</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                      {model['@id']}
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Paper>
          <Typography variant="h6" component="h2">
            Capabilities
          </Typography>
          {summary ? (
            <CapabilitiesSection summary={summary} modelId={isDtdlInterface(model) ? model['@id'] : id} />
          ) : (
            <Alert severity="warning" sx={{ mt: 1 }}>
              This template's capability model is not a DTDL interface, so its capabilities cannot be shown.
            </Alert>
          )}
        </>
      )}
    </Box>
  );
}
