export const DEVICE_CONNECTION_PATH = '/admin/device-connection';

/** An enrollment group's page. */
export const groupPath = (id: string) => `${DEVICE_CONNECTION_PATH}/groups/${encodeURIComponent(id)}`;
