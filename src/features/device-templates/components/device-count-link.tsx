import { Link as MuiLink, Skeleton } from '@mui/material';
import { Link } from 'react-router';
import { routes } from '../../../lib/routes';

export interface DeviceCountLinkProps {
  /** undefined while loading; null when the backend cannot count. */
  count: number | null | undefined;
  /** The template; undefined for the Unassociated devices. */
  templateId: string | undefined;
}

/** "12 devices", linking to the Devices grid filtered to the template. */
export function DeviceCountLink({ count, templateId }: DeviceCountLinkProps) {
  if (count === undefined) return <Skeleton width={48} sx={{ display: 'inline-block' }} />;
  if (count === null) {
    return (
      <MuiLink component={Link} to={routes.devices({ template: templateId })}>
        View devices
      </MuiLink>
    );
  }
  return (
    <MuiLink component={Link} to={routes.devices({ template: templateId })}>
      {count === 1 ? '1 device' : `${count.toLocaleString()} devices`}
    </MuiLink>
  );
}
