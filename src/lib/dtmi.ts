// Digital Twin Model Identifiers (DTMI), the IDs of IoT Plug and Play models.
// Syntax from the DTMI spec as DTDL v2 applies it (IoT Central speaks DTDL v2):
//   dtmi:<segment>(:<segment>)*;<version>
// A segment starts with a letter, holds letters, digits and '_', and does not end with '_'.
// The version is 1..999999999 with no leading zero. The whole ID is at most 2048 characters.

export const DTMI_MAX_LENGTH = 2048;

const SEGMENT = '[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?';
const DTMI = new RegExp(`^dtmi:(${SEGMENT}(?::${SEGMENT})*);([1-9][0-9]{0,8})$`);

export interface ParsedDtmi {
  /** The path segments, e.g. ['com', 'example', 'Thermostat']. */
  segments: string[];
  version: number;
}

/** Splits a DTMI into its segments and version, or returns undefined when it is not a valid DTMI. */
export function parseDtmi(id: string): ParsedDtmi | undefined {
  if (id.length > DTMI_MAX_LENGTH) return undefined;
  const match = DTMI.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { segments: match[1].split(':'), version: Number(match[2]) };
}

export function isValidDtmi(id: unknown): id is string {
  return typeof id === 'string' && parseDtmi(id) !== undefined;
}

/**
 * Where a model lives in a model repository: lower case, ':' → '/', ';' → '-', plus '.json'.
 * `dtmi:com:example:Thermostat;1` → `dtmi/com/example/thermostat-1.json`. Throws on an invalid DTMI.
 */
export function dtmiToRepositoryPath(id: string): string {
  if (!isValidDtmi(id)) throw new RangeError(`"${id}" is not a valid DTMI.`);
  return `${id.toLowerCase().replaceAll(':', '/').replace(';', '-')}.json`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validOrUndefined(value: unknown): string | undefined {
  return isValidDtmi(value) ? value : undefined;
}

function modelIdOf(payload: Record<string, unknown>): string | undefined {
  const interfaces = payload['__iot:interfaces'];
  return (
    validOrUndefined(payload['modelId']) ??
    validOrUndefined(payload['iotcModelId']) ??
    (isRecord(interfaces) ? validOrUndefined(interfaces['CapabilityModelId']) : undefined)
  );
}

/**
 * The model ID a device announces in its DPS registration payload, in the order IoT Central reads them:
 * `{ modelId }` (current), `{ iotcModelId }` (older IoT Central samples) and
 * `{ "__iot:interfaces": { CapabilityModelId } }` (Plug and Play preview), each also inside the
 * `{ data: ... }` wrapper of the old dps-keygen tool. Values that are not valid DTMIs are ignored
 * (the preview's `urn:` IDs among them), so the device stays unassociated.
 */
export function modelIdFromRegistrationPayload(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const data = payload['data'];
  return modelIdOf(payload) ?? (isRecord(data) ? modelIdOf(data) : undefined);
}
