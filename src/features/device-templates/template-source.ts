import type { TemplateSource } from '../../api/extensions';

export const TEMPLATE_SOURCE_LABELS: Record<TemplateSource, string> = {
  app: 'This application',
  'model-repository': 'Public model repository',
};
