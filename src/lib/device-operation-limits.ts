// Limits of the demo's bulk device operations (api/extensions.ts), shared by the client that sends
// the batches and the backend that refuses larger ones.

/** The most rows one import or export request carries. */
export const DEVICE_OPERATION_BATCH_MAX = 5000;
