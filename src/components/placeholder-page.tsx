import { Alert, Box } from '@mui/material';
import { PageHeader } from './page-header';

export interface PlaceholderPageProps {
  title: string;
  description: string;
}

/** A page whose feature has not landed yet, clearly labelled as such. */
export function PlaceholderPage({ title, description }: PlaceholderPageProps) {
  return (
    <Box>
      <PageHeader title={title} />
      <Alert severity="info">Coming soon: {description}</Alert>
    </Box>
  );
}
