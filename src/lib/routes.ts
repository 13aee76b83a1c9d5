// The app's pages as typed links, for links from one feature to another's page (a feature may not
// import another). app/router.tsx declares the same paths.

/** The Devices grid's template filter for devices without a template (`?template=unassociated`). */
export const UNASSOCIATED = 'unassociated';

const enc = encodeURIComponent;

export const routes = {
  /** The Devices grid, optionally filtered to one template or (undefined) to the Unassociated devices. */
  devices: (filter?: { template: string | undefined }) =>
    filter ? `/devices?template=${enc(filter.template ?? UNASSOCIATED)}` : '/devices',
  device: (id: string) => `/devices/${enc(id)}`,
  deviceTemplates: () => '/device-templates',
  deviceTemplate: (id: string) => `/device-templates/${enc(id)}`,
  deviceConnection: () => '/admin/device-connection',
  enrollmentGroup: (id: string) => `/admin/device-connection/groups/${enc(id)}`,
  certificates: () => '/admin/certificates',
  simulator: () => '/simulator',
};
