import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { PlaceholderPage } from '../components/placeholder-page';
import { DevicesPage } from '../features/devices/components/devices-page';
import { RouteError } from './route-error';
import { Shell } from './shell';

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/devices" replace /> },
      { path: 'devices', element: <DevicesPage /> },
      {
        path: 'devices/:deviceId',
        lazy: async () => ({ Component: (await import('../features/devices/components/device-page')).DevicePage }),
      },
      {
        path: 'device-templates',
        element: <PlaceholderPage title="Device templates" description="the templates, their DTMI, origin and device counts." />,
      },
      {
        path: 'admin/device-connection',
        lazy: async () => ({ Component: (await import('./routes/device-connection-route')).DeviceConnectionRoute }),
      },
      {
        path: 'admin/device-connection/groups/:groupId',
        lazy: async () => ({ Component: (await import('./routes/device-connection-route')).EnrollmentGroupRoute }),
      },
      {
        path: 'admin/certificates',
        lazy: async () => ({ Component: (await import('./routes/certificates-route')).CertificatesRoute }),
      },
      { path: '*', element: <RouteError /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
