import type { TemplateSource } from '../../api/extensions';

export const TEMPLATE_SOURCE_LABELS: Record<TemplateSource, string> = {
  app: 'This application',
  'model-repository': 'Public model repository',
};

/** The devices grid filtered to one template, or to the Unassociated devices. */
export function devicesLink(templateId: string | undefined): string {
  return `/devices?template=${encodeURIComponent(templateId ?? 'unassociated')}`;
}

export function templateLink(templateId: string): string {
  return `/device-templates/${encodeURIComponent(templateId)}`;
}
