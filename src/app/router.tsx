// The app's routes, in React Router's declarative mode: the app has no loaders or actions, and the data router
// would add about 20 KB (gzipped) to the first load. Pages other than Devices load when first visited.
import { lazy } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router';
import { routes } from '../lib/routes';
import { AdminOnly } from './admin-only';
import { DevicesRoute } from './routes/devices-route';
import { NotFound } from './route-error';
import { Shell } from './shell';

const DeviceRoute = lazy(async () => ({ default: (await import('./routes/device-route')).DeviceRoute }));
const DeviceTemplatesPage = lazy(async () => ({
  default: (await import('../features/device-templates/components/device-templates-page')).DeviceTemplatesPage,
}));
const DeviceTemplatePage = lazy(async () => ({
  default: (await import('../features/device-templates/components/device-template-page')).DeviceTemplatePage,
}));
// The simulator is the demo's own device: a real-application build leaves it out (the literal test lets
// the bundler drop the chunk).
const SimulatorPage =
  import.meta.env.VITE_BACKEND === 'real'
    ? NotFound
    : lazy(async () => ({
        default: (await import('../features/simulator/components/simulator-page')).SimulatorPage,
      }));
const DeviceConnectionRoute = lazy(async () => ({
  default: (await import('./routes/device-connection-route')).DeviceConnectionRoute,
}));
const EnrollmentGroupRoute = lazy(async () => ({
  default: (await import('./routes/device-connection-route')).EnrollmentGroupRoute,
}));
const CertificatesRoute = lazy(async () => ({
  default: (await import('./routes/certificates-route')).CertificatesRoute,
}));

/** Every page, inside the shell (which catches a page's errors and shows progress while a page loads). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Shell />}>
        <Route index element={<Navigate to={routes.devices()} replace />} />
        <Route path="devices" element={<DevicesRoute />} />
        <Route path="devices/:deviceId" element={<DeviceRoute />} />
        <Route path="device-templates" element={<DeviceTemplatesPage />} />
        <Route path="device-templates/:templateId" element={<DeviceTemplatePage />} />
        <Route path="simulator" element={<SimulatorPage />} />
        {/* Administration: the Operator role sees why it cannot open these pages. */}
        <Route
          path="admin"
          element={
            <AdminOnly>
              <Outlet />
            </AdminOnly>
          }
        >
          <Route path="device-connection" element={<DeviceConnectionRoute />} />
          <Route path="device-connection/groups/:groupId" element={<EnrollmentGroupRoute />} />
          <Route path="certificates" element={<CertificatesRoute />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
