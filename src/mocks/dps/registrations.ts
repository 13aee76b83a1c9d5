// The demo DPS device API at https://global.azure-devices-provisioning.net (dps-protocol.md §3):
//   PUT /{idScope}/registrations/{registrationId}/register          → 202 {operationId, status: 'assigning'}
//   GET /{idScope}/registrations/{registrationId}/operations/{id}    → 202 while assigning, then 200 with registrationState
// Attestation by SAS token, X.509 client certificate (forwarded in headers) or TPM challenge; outcomes
// by the device state machine. Operations live in memory only (a device re-registers after a reload).
import { http, HttpResponse, type RequestHandler } from 'msw';
import {
  DPS_GLOBAL_ENDPOINT,
  operationPath,
  X509_HEADERS,
  type DeviceRegistrationState,
} from '../../lib/dps-protocol';
import { checkDeviceId } from '../../lib/device-id';
import type { Store } from '../store/store';
import { findDeviceForRegistration, type Attested } from './attestation';
import {
  CORS_HEADERS,
  DPS_ERRORS,
  DpsError,
  dpsBadRequest,
  dpsJson,
  dpsUnauthorized,
  runDpsOperation,
  toHttpResponse,
  type DpsAnswer,
  type DpsContext,
  type DpsRequest,
} from './http';
import { AssignmentQueue } from './assignments';
import { assignedHubFor, completeRegistration } from './provision';
import { attestSas } from './sas-attestation';
import { attestTpm, TpmChallenges } from './tpm-attestation';
import { attestX509, ProofCache, readTlsPeer } from './x509-attestation';

/**
 * Demo knobs: how long an assignment takes (the 202 → poll → 200 cycle), and the Retry-After of the
 * first 202 (real DPS says about 3 seconds). With no delay the hint is 0. Tests and benchmarks may lower both.
 */
export const dpsControls = { assignmentDelayMs: 1000, retryAfterSeconds: 3 };

/** How a host runs the DPS handlers. */
export interface DpsOptions {
  /**
   * The console server's TLS listeners put the handshake's certificate chain in TLS_PEER_HEADER and
   * strip it from every other request; only there may the handlers believe it.
   */
  trustsTlsPeer?: boolean;
  /** The IoT hub host a device is assigned to; IoT Central's `iotc-<guid>.azure-devices.net` by default. */
  assignedHub?: (idScope: string) => string;
}

const MAX_OPERATIONS = 20_000;

interface Operation {
  idScope: string;
  registrationId: string;
  readyAt: number;
  /** The registration state once the assignment is written (assignments.ts). */
  assignment: Promise<DeviceRegistrationState>;
  verifyFollowUp: Attested['verifyFollowUp'];
}

/** DPS registration IDs: up to 128 of a-z, A-Z, 0-9, '-', '.', '_', ':', ending alphanumeric or '-'. */
function checkRegistrationId(id: string): void {
  if (id.length === 0 || id.length > 128 || !/^[A-Za-z0-9._:-]*[A-Za-z0-9-]$/.test(id)) {
    throw dpsBadRequest(
      `Registration ID "${id.slice(0, 140)}" is not valid: use up to 128 letters, digits, "-", ".", "_" or ":", ending with a letter, digit or "-".`,
    );
  }
}

/** DPS's shape: `5.` + 16 hex digits that name the instance + `.` + a UUID. */
export function operationId(idScope: string): string {
  let hash = 0;
  for (const char of idScope.toLowerCase()) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `5.${hex(hash)}${hex(hash ^ 0x5bd1e995)}.${crypto.randomUUID()}`;
}

const retryAfter = (ms: number) => String(Math.max(0, Math.ceil(ms / 1000)));
const nowSeconds = (store: Store) => Math.floor(store.now().getTime() / 1000);

/** The DPS device API: one entry for every transport, and the MSW handlers that use it in the page. */
export interface DemoDps {
  /**
   * Answers one device request to DPS_GLOBAL_ENDPOINT. The page's handlers and the console server's
   * HTTPS listener pass the Fetch Request; the MQTT listener passes the request a message stands for.
   */
  answer(request: DpsRequest): Promise<DpsAnswer>;
  /** MSW handlers for DPS_GLOBAL_ENDPOINT: the page, the Node test server and the console server's /dps. */
  handlers: RequestHandler[];
}

/** The operations' paths at DPS_GLOBAL_ENDPOINT, their parameters %-encoded; a trailing slash is tolerated. */
const REGISTER_PATH = /^\/(?<idScope>[^/]+)\/registrations\/(?<registrationId>[^/]+)\/register\/?$/;
const OPERATION_PATH =
  /^\/(?<idScope>[^/]+)\/registrations\/(?<registrationId>[^/]+)\/operations\/(?<operationId>[^/]+)\/?$/;

export function createDps(store: Store, options: DpsOptions = {}): DemoDps {
  const operations = new Map<string, Operation>();
  const assignments = new AssignmentQueue(store);
  const challenges = new TpmChallenges();
  const proofs = new ProofCache();

  const checkScope = (idScope: string) => {
    if (idScope.toLowerCase() !== store.settings.idScope.toLowerCase()) {
      throw new DpsError(
        404,
        DPS_ERRORS.notFound,
        `ID scope "${idScope}" was not found. Use the ID scope shown in the device's Connect dialog or in Administration > Device connection.`,
      );
    }
  };

  const register = async ({ request, url, params, json }: DpsContext): Promise<DpsAnswer> => {
    const idScope = params.idScope ?? '';
    const registrationId = params.registrationId ?? '';
    checkScope(idScope);
    checkRegistrationId(registrationId);
    const body = await json();
    if (typeof body.registrationId !== 'string') {
      throw dpsBadRequest(
        'The body must be a DeviceRegistration with "registrationId", e.g. {"registrationId": "my-device"}.',
      );
    }
    if (body.registrationId.toLowerCase() !== registrationId.toLowerCase()) {
      throw dpsBadRequest(
        `The body registers "${body.registrationId}" but the path names "${registrationId}". Use the same registration ID in both.`,
      );
    }
    const payloadValue = body.payload ?? (body.data !== undefined ? { data: body.data } : undefined);
    if (
      payloadValue !== undefined &&
      (payloadValue === null || typeof payloadValue !== 'object' || Array.isArray(payloadValue))
    ) {
      throw dpsBadRequest(
        '"payload" must be a JSON object, e.g. {"modelId": "dtmi:com:example:Thermostat;1"}.',
      );
    }
    const payload = payloadValue as Record<string, unknown> | undefined;
    if (!findDeviceForRegistration(store, registrationId)) {
      const problem = checkDeviceId(registrationId.toLowerCase());
      if (problem) {
        throw dpsBadRequest(
          `Registration ID "${registrationId}" cannot become an IoT Central device ID: ${problem.message}`,
        );
      }
    }

    const authorization = request.headers.get('Authorization');
    const tlsPeer = options.trustsTlsPeer ? await readTlsPeer(request) : undefined;
    let attested: Attested;
    if (body.tpm !== undefined) {
      const result = await attestTpm(store, {
        idScope,
        registrationId,
        tpm: body.tpm,
        authorization,
        now: nowSeconds(store),
        challenges,
      });
      if ('status' in result) return result;
      attested = result;
    } else if (authorization) {
      if (!/^SharedAccessSignature\s/.test(authorization.trim())) {
        throw dpsUnauthorized(
          'The Authorization header must hold a DPS SAS token: "SharedAccessSignature sr=…&sig=…&se=…&skn=registration".',
        );
      }
      attested = await attestSas(store, {
        idScope,
        registrationId,
        authorization,
        now: nowSeconds(store),
      });
    } else if (tlsPeer || request.headers.has(X509_HEADERS.certificate)) {
      attested = await attestX509(store, {
        request,
        url,
        registrationId,
        now: nowSeconds(store),
        proofs,
        ...(tlsPeer ? { tlsPeer } : {}),
      });
    } else {
      throw dpsUnauthorized(
        options.trustsTlsPeer
          ? "No credentials. Send a SAS token in Authorization, a client certificate in the TLS handshake, or the TPM's endorsement key in the body."
          : `No credentials. Send a SAS token in Authorization, a client certificate in ${X509_HEADERS.certificate} with its proof, or the TPM's endorsement key in the body.`,
      );
    }

    const assignedHub = (options.assignedHub ?? assignedHubFor)(idScope);
    const assignment = assignments.enqueue(async () => {
      const { outcome, records } = await completeRegistration(store, {
        idScope,
        registrationId,
        attested,
        payload,
        assignedHub,
      });
      const state: DeviceRegistrationState = {
        ...outcome,
        ...(outcome.status === 'assigned' ? await attested.result() : {}),
      };
      return { state, records };
    });
    // Read when the device polls; until then a failure is kept, not thrown.
    assignment.catch(() => undefined);
    const id = operationId(idScope);
    if (operations.size >= MAX_OPERATIONS) operations.delete(operations.keys().next().value as string);
    const delay = dpsControls.assignmentDelayMs;
    operations.set(id, {
      idScope,
      registrationId,
      readyAt: Date.now() + delay,
      assignment,
      verifyFollowUp: attested.verifyFollowUp,
    });
    // A poll before the assignment is done gets another 202, with the time still to wait.
    return dpsJson({ operationId: id, status: 'assigning' }, 202, {
      'Retry-After': delay === 0 ? '0' : String(dpsControls.retryAfterSeconds),
      Location: `${DPS_GLOBAL_ENDPOINT}${operationPath(idScope, registrationId, id)}?${url.searchParams.toString()}`,
    });
  };

  const operationStatus = async ({ request, url, params }: DpsContext): Promise<DpsAnswer> => {
    const idScope = params.idScope ?? '';
    const registrationId = params.registrationId ?? '';
    checkScope(idScope);
    const id = params.operationId ?? '';
    const operation = operations.get(id);
    if (!operation || operation.registrationId.toLowerCase() !== registrationId.toLowerCase()) {
      throw new DpsError(
        404,
        DPS_ERRORS.operationNotFound,
        `Operation "${id}" was not found for registration "${registrationId}". Operations are kept only while the demo page is open: register again.`,
      );
    }
    await operation.verifyFollowUp(request, url);
    const remaining = operation.readyAt - Date.now();
    if (remaining > 0) {
      return dpsJson({ operationId: id, status: 'assigning' }, 202, {
        'Retry-After': retryAfter(remaining),
      });
    }
    // The assignment's batch is written in a moment, if it is not already.
    const state = await operation.assignment;
    return dpsJson({ operationId: id, status: state.status, registrationState: state }, 200);
  };

  const notFound = async (): Promise<DpsAnswer> => {
    throw new DpsError(
      404,
      DPS_ERRORS.notFound,
      'The demo DPS answers PUT /{idScope}/registrations/{registrationId}/register and GET …/operations/{operationId}.',
    );
  };

  const brokenEscape = async (): Promise<DpsAnswer> => {
    throw dpsBadRequest('The request path has a broken %-escape.');
  };

  const routes = [
    { method: 'PUT', path: REGISTER_PATH, operation: register },
    { method: 'GET', path: OPERATION_PATH, operation: operationStatus },
  ];

  const answer = async (request: DpsRequest): Promise<DpsAnswer> => {
    const url = new URL(request.url);
    const path = url.origin === DPS_GLOBAL_ENDPOINT ? url.pathname : '';
    let operation: (ctx: DpsContext) => Promise<DpsAnswer> = notFound;
    let params: Record<string, string> = {};
    for (const route of routes) {
      const match = request.method === route.method ? route.path.exec(path) : null;
      if (!match) continue;
      try {
        params = Object.fromEntries(
          Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
        );
        operation = route.operation;
      } catch {
        operation = brokenEscape;
      }
      break;
    }
    return runDpsOperation(operation, request, url, params);
  };

  return {
    answer,
    handlers: [
      http.options(
        `${DPS_GLOBAL_ENDPOINT}/*`,
        () => new HttpResponse(null, { status: 204, headers: CORS_HEADERS }),
      ),
      http.all(`${DPS_GLOBAL_ENDPOINT}/*`, async ({ request }) => toHttpResponse(await answer(request))),
    ],
  };
}
