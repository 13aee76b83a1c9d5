import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { LinearProgress } from '@mui/material';
import { AdminOnly } from './admin-only';
import { DevicesRoute } from './routes/devices-route';
import { RouteError } from './route-error';
import { Shell } from './shell';

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LinearProgress aria-label="Loading" />,
    children: [
      { index: true, element: <Navigate to="/devices" replace /> },
      { path: 'devices', element: <DevicesRoute /> },
      {
        path: 'devices/:deviceId',
        lazy: async () => ({ Component: (await import('./routes/device-route')).DeviceRoute }),
      },
      {
        path: 'device-templates',
        lazy: async () => ({
          Component: (await import('../features/device-templates/components/device-templates-page'))
            .DeviceTemplatesPage,
        }),
      },
      {
        path: 'device-templates/:templateId',
        lazy: async () => ({
          Component: (await import('../features/device-templates/components/device-template-page'))
            .DeviceTemplatePage,
        }),
      },
      {
        path: 'simulator',
        lazy: async () => ({
          Component: (await import('../features/simulator/components/simulator-page')).SimulatorPage,
        }),
      },
      {
        // Administration: the Operator role sees why it cannot open these pages.
        path: 'admin',
        element: (
          <AdminOnly>
            <Outlet />
          </AdminOnly>
        ),
        children: [
          {
            path: 'device-connection',
            lazy: async () => ({
              Component: (await import('./routes/device-connection-route')).DeviceConnectionRoute,
            }),
          },
          {
            path: 'device-connection/groups/:groupId',
            lazy: async () => ({
              Component: (await import('./routes/device-connection-route')).EnrollmentGroupRoute,
            }),
          },
          {
            path: 'certificates',
            lazy: async () => ({
              Component: (await import('./routes/certificates-route')).CertificatesRoute,
            }),
          },
        ],
      },
      { path: '*', element: <RouteError /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
