import SearchIcon from '@mui/icons-material/Search';
import { Box, InputAdornment, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import type { DeviceTemplate } from '../../../api/types';
import { DEVICE_STATUS_LABELS, type DeviceStatus } from '../../../lib/device-status';
import { UserText } from '../../../components/user-text';
import { UNASSOCIATED } from '../../../lib/routes';
import { filterableStatuses, type DevicesView } from '../view-state';

export interface DevicesFiltersProps {
  view: DevicesView;
  templates: DeviceTemplate[];
  onChange: (change: Partial<DevicesView>) => void;
}

const SEARCH_DELAY_MS = 300;

export function DevicesFilters({ view, templates, onChange }: DevicesFiltersProps) {
  const [search, setSearch] = useState(view.search);
  const [lastUrlSearch, setLastUrlSearch] = useState(view.search);
  // Follow the URL when it changes from outside (back button, a shared link).
  if (view.search !== lastUrlSearch) {
    setLastUrlSearch(view.search);
    setSearch(view.search);
  }

  useEffect(() => {
    if (search === view.search) return;
    const timer = setTimeout(() => onChange({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, view.search, onChange]);

  return (
    <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField
        label="Search"
        placeholder="Device name or ID"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onChange({ search })}
        sx={{ minWidth: 260 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
          htmlInput: { 'aria-label': 'Search devices', type: 'search' },
        }}
      />
      <TextField
        select
        label="Device status"
        value={view.status ?? ''}
        onChange={(e) => onChange({ status: (e.target.value || undefined) as DeviceStatus | undefined })}
        sx={{ minWidth: 200 }}
      >
        <MenuItem value="">All statuses</MenuItem>
        {filterableStatuses().map((status) => (
          <MenuItem key={status} value={status}>
            {DEVICE_STATUS_LABELS[status]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Device template"
        value={view.template ?? ''}
        onChange={(e) => onChange({ template: e.target.value || undefined })}
        sx={{ minWidth: 220 }}
      >
        <MenuItem value="">All templates</MenuItem>
        {templates.map((t) => (
          <MenuItem key={t['@id']} value={t['@id']}>
            <UserText text={t.displayName ?? t['@id']} />
          </MenuItem>
        ))}
        <MenuItem value={UNASSOCIATED}>Unassociated</MenuItem>
      </TextField>
    </Box>
  );
}
