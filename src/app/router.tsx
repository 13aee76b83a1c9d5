import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { DevicesRoute } from './routes/devices-route';
import { RouteError } from './route-error';
import { Shell } from './shell';

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/devices" replace /> },
      { path: 'devices', element: <DevicesRoute /> },
      {
        path: 'devices/:deviceId',
        lazy: async () => ({ Component: (await import('./routes/devices-route')).DeviceRoute }),
      },
      {
        path: 'device-templates',
        lazy: async () => ({
          Component: (await import('../features/device-templates/components/device-templates-page')).DeviceTemplatesPage,
        }),
      },
      {
        path: 'device-templates/:templateId',
        lazy: async () => ({
          Component: (await import('../features/device-templates/components/device-template-page')).DeviceTemplatePage,
        }),
      },
      {
        path: 'simulator',
        lazy: async () => ({
          Component: (await import('../features/simulator/components/simulator-page')).SimulatorPage,
        }),
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
