import { Alert, Box, Chip, Typography } from '@mui/material';
import type {
  CapabilitySummary,
  CommandSummary,
  ComponentSummary,
  PropertySummary,
  RelationshipSummary,
  TelemetrySummary,
} from '../../../lib/dtdl';
import { CapabilityTable, type CapabilityColumn } from './capability-table';

export interface CapabilitiesSectionProps {
  summary: CapabilitySummary;
  /** The model's own DTMI: capabilities defined elsewhere (extends) say where they come from. */
  modelId: string;
  /** Nesting: components are shown inside their parent, one heading level down. */
  depth?: number;
}

const semantic = (types: string[]) => (types.length > 0 ? types.join(', ') : '—');

function nameColumns<T extends { displayName: string; name: string; definedBy: string }>(
  modelId: string,
): CapabilityColumn<T>[] {
  return [
    {
      header: 'Display name',
      render: (row) => (
        <>
          {row.displayName}
          {row.definedBy !== modelId && (
            <Typography variant="caption" color="text.secondary" component="div">
              inherited from {row.definedBy}
            </Typography>
          )}
        </>
      ),
    },
    { header: 'Name', render: (row) => row.name, isCode: true },
  ];
}

/** A model's telemetry, properties, commands, relationships and components (recursively). */
export function CapabilitiesSection({ summary, modelId, depth = 0 }: CapabilitiesSectionProps) {
  const heading = depth === 0 ? 'h3' : 'h4';
  const isEmpty =
    summary.telemetry.length +
      summary.properties.length +
      summary.commands.length +
      summary.relationships.length +
      summary.components.length ===
    0;
  return (
    <Box>
      {isEmpty && <Typography color="text.secondary">This model declares no capabilities.</Typography>}
      <CapabilityTable<TelemetrySummary>
        title="Telemetry"
        headingLevel={heading}
        rows={summary.telemetry}
        rowKey={(row) => row.name}
        columns={[
          ...nameColumns<TelemetrySummary>(modelId),
          { header: 'Schema', render: (row) => row.schema, isCode: true },
          { header: 'Unit', render: (row) => row.unit ?? '—' },
          { header: 'Semantic type', render: (row) => semantic(row.semanticTypes) },
        ]}
      />
      <CapabilityTable<PropertySummary>
        title="Properties"
        headingLevel={heading}
        rows={summary.properties}
        rowKey={(row) => row.name}
        columns={[
          ...nameColumns<PropertySummary>(modelId),
          { header: 'Schema', render: (row) => row.schema, isCode: true },
          { header: 'Unit', render: (row) => row.unit ?? '—' },
          { header: 'Writable', render: (row) => (row.writable ? 'Yes' : 'No') },
        ]}
      />
      <CapabilityTable<CommandSummary>
        title="Commands"
        headingLevel={heading}
        rows={summary.commands}
        rowKey={(row) => row.name}
        columns={[
          ...nameColumns<CommandSummary>(modelId),
          {
            header: 'Request',
            render: (row) => (row.request ? `${row.request.displayName}: ${row.request.schema}` : '—'),
          },
          {
            header: 'Response',
            render: (row) => (row.response ? `${row.response.displayName}: ${row.response.schema}` : '—'),
          },
        ]}
      />
      <CapabilityTable<RelationshipSummary>
        title="Relationships"
        headingLevel={heading}
        rows={summary.relationships}
        rowKey={(row) => row.name}
        columns={[
          ...nameColumns<RelationshipSummary>(modelId),
          { header: 'Target', render: (row) => row.target ?? 'Any', isCode: true },
        ]}
      />
      <CapabilityTable<ComponentSummary>
        title="Components"
        headingLevel={heading}
        rows={summary.components}
        rowKey={(row) => row.name}
        columns={[
          ...nameColumns<ComponentSummary>(modelId),
          { header: 'Interface', render: (row) => row.schema, isCode: true },
        ]}
      />
      {summary.components.map((component) => (
        <Box
          key={component.name}
          component="section"
          aria-label={`Component ${component.displayName}`}
          sx={{ mt: 2, pl: 2, borderLeft: 3, borderColor: 'divider' }}
        >
          <Typography variant="subtitle1" component={heading} sx={{ fontWeight: 600 }}>
            Component {component.displayName}{' '}
            <Chip
              size="small"
              variant="outlined"
              label={component.schema}
              sx={{ fontFamily: 'monospace', ml: 1 }}
            />
          </Typography>
          {component.capabilities ? (
            <CapabilitiesSection
              summary={component.capabilities}
              modelId={component.schema}
              depth={depth + 1}
            />
          ) : (
            <Typography color="text.secondary">
              The template does not include this component's interface.
            </Typography>
          )}
        </Box>
      ))}
      {depth === 0 && summary.unresolved.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          Some interfaces this model uses are not in the template, so their capabilities are not shown:{' '}
          {summary.unresolved.join(', ')}.
        </Alert>
      )}
    </Box>
  );
}
