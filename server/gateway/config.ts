// The gateway's settings, from the environment (and flags in main.ts). Secrets (the API token, the
// OpenID client secret) are read here and never printed: errors name the variable, never its value.
import { readFileSync, statSync } from 'node:fs';
import type { Role } from '../../src/api/extensions';

export type { Role };

export interface RoleMapping {
  /** The ID token claim that carries roles or groups (`roles` for Entra app roles, `groups` for groups). */
  claim: string;
  /** Claim values that make an Administrator (checked first) and an Operator. */
  administrator: string[];
  operator: string[];
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  scope: string;
  roles: RoleMapping;
}

export interface GatewayConfig {
  /** The IoT Central application's origin, e.g. https://myapp.azureiotcentral.com. */
  appOrigin: string;
  /** The Authorization header for the application, read fresh when it comes from a file. */
  authorization: () => string;
  oidc: OidcSettings;
  /**
   * The console's own origin as browsers reach it (CONSOLE_URL), e.g. https://console.contoso.com behind
   * a TLS proxy. Undefined: the Host header of each request, over http.
   */
  publicOrigin: string | undefined;
  /** Hours a session lasts. */
  sessionHours: number;
}

export class ConfigError extends Error {}

const isLoopback = (host: string) => /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(host);

/** The application's origin; https, except a loopback address (a local mock such as Prism). */
export function parseAppUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `IOTC_APP_URL must be the application's URL, such as https://myapp.azureiotcentral.com.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ConfigError(
      'IOTC_APP_URL must use https:// (http:// is allowed for a local mock on 127.0.0.1 only).',
    );
  }
  if (url.username || url.password)
    throw new ConfigError('IOTC_APP_URL must not hold a user name or password.');
  return url.origin;
}

/**
 * The Authorization header value: an IoT Central API token (`SharedAccessSignature sr=...`) as it is, a
 * Microsoft Entra access token as `Bearer <token>` (the bare JWT is accepted too).
 */
export function authorizationFor(token: string, source: string): string {
  const value = token.trim();
  if (/^SharedAccessSignature \S+$/.test(value) || /^Bearer [\w-]+\.[\w-]+\.[\w-]*$/.test(value))
    return value;
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(value)) return `Bearer ${value}`;
  throw new ConfigError(
    `${source} must hold an IoT Central API token ("SharedAccessSignature sr=...") or a Microsoft Entra access token ("Bearer eyJ..."); it holds neither.`,
  );
}

/** The token from IOTC_API_TOKEN, or from the file IOTC_API_TOKEN_FILE names (re-read when the file changes). */
function tokenSource(env: NodeJS.ProcessEnv): () => string {
  const file = env.IOTC_API_TOKEN_FILE;
  if (file) {
    let cached: { mtimeMs: number; value: string } | undefined;
    const read = () => {
      const mtimeMs = statSync(file).mtimeMs;
      if (cached?.mtimeMs !== mtimeMs)
        cached = { mtimeMs, value: authorizationFor(readFileSync(file, 'utf8'), 'IOTC_API_TOKEN_FILE') };
      return cached.value;
    };
    try {
      read();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(
        `IOTC_API_TOKEN_FILE names a file that cannot be read (${(error as { code?: string }).code ?? 'error'}).`,
      );
    }
    return () => {
      try {
        return read();
      } catch {
        // The refresher may be replacing the file: the last good token is the best there is.
        if (cached) return cached.value;
        throw new ConfigError('IOTC_API_TOKEN_FILE cannot be read.');
      }
    };
  }
  const token = env.IOTC_API_TOKEN;
  if (!token) {
    throw new ConfigError(
      'Set IOTC_API_TOKEN (or IOTC_API_TOKEN_FILE, a file holding it) to an API token of the application: an IoT Central API token or a Microsoft Entra bearer token. See the README.',
    );
  }
  const value = authorizationFor(token, 'IOTC_API_TOKEN');
  return () => value;
}

const list = (value: string | undefined, fallback: string[]) =>
  value === undefined
    ? fallback
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId } = env;
  if (!issuer || !clientId) {
    throw new ConfigError(
      'Operators sign in with OpenID Connect: set OIDC_ISSUER (e.g. https://login.microsoftonline.com/<tenant>/v2.0) and OIDC_CLIENT_ID (and OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE). See the README.',
    );
  }
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new ConfigError('OIDC_ISSUER must be the issuer URL of the OpenID provider.');
  }
  if (
    issuerUrl.protocol !== 'https:' &&
    !(issuerUrl.protocol === 'http:' && isLoopback(issuerUrl.hostname))
  ) {
    throw new ConfigError(
      'OIDC_ISSUER must use https:// (http:// is allowed for a local provider on 127.0.0.1 only).',
    );
  }
  const secretFile = env.OIDC_CLIENT_SECRET_FILE;
  const clientSecret = secretFile ? readFileSync(secretFile, 'utf8').trim() : env.OIDC_CLIENT_SECRET;
  return {
    issuer: issuerUrl,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    scope: env.OIDC_SCOPE ?? 'openid profile',
    roles: {
      claim: env.OIDC_ROLE_CLAIM ?? 'roles',
      administrator: list(env.OIDC_ADMINISTRATOR_VALUES, ['Administrator']),
      operator: list(env.OIDC_OPERATOR_VALUES, ['Operator']),
    },
  };
}

export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv): GatewayConfig {
  const appUrl = env.IOTC_APP_URL;
  if (!appUrl)
    throw new ConfigError('Set IOTC_APP_URL to the application, e.g. https://myapp.azureiotcentral.com.');
  let publicOrigin: string | undefined;
  if (env.CONSOLE_URL) {
    try {
      publicOrigin = new URL(env.CONSOLE_URL).origin;
    } catch {
      throw new ConfigError(
        'CONSOLE_URL must be the URL browsers use for the console, e.g. https://console.contoso.com.',
      );
    }
  }
  const sessionHours = Number(env.CONSOLE_SESSION_HOURS ?? 8);
  if (!(sessionHours > 0 && sessionHours <= 24 * 7))
    throw new ConfigError('CONSOLE_SESSION_HOURS must be a number of hours from 0 to 168.');
  return {
    appOrigin: parseAppUrl(appUrl),
    authorization: tokenSource(env),
    oidc: oidcSettings(env),
    publicOrigin,
    sessionHours,
  };
}

/** Which role a signed-in user has, from the mapped claim (a string or a list); undefined: none. */
export function roleFromClaims(claims: Record<string, unknown>, mapping: RoleMapping): Role | undefined {
  const raw = claims[mapping.claim];
  const values = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === 'string')
    : typeof raw === 'string'
      ? raw.split(' ')
      : [];
  if (values.some((v) => mapping.administrator.includes(v))) return 'administrator';
  if (values.some((v) => mapping.operator.includes(v))) return 'operator';
  return undefined;
}
