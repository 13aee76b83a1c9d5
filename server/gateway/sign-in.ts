// Operators sign in with OpenID Connect (authorization code flow with PKCE, state and nonce, through
// openid-client). A session is a random ID in an HttpOnly, SameSite=Strict cookie (Secure over TLS); what
// it stands for (the user's name and role) stays on the server, in memory: a restart signs everyone out.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as client from 'openid-client';
import { roleFromClaims, type OidcSettings, type Role } from './config';

export interface Session {
  name: string;
  role: Role;
  expiresAt: number;
}

interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  expiresAt: number;
}

const PENDING_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

/** `__Host-` binds the cookie to this host and path / (the browser requires Secure for it). */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-console-session' : 'console-session');
const signInCookieName = (secure: boolean) => (secure ? '__Host-console-sign-in' : 'console-sign-in');

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const cookie = (
  name: string,
  value: string,
  secure: boolean,
  sameSite: 'Strict' | 'Lax',
  maxAgeSeconds: number,
) =>
  `${name}=${value}; Path=/; HttpOnly; SameSite=${sameSite}; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;

/** Only a path on this console: never `//host` or a scheme, so a sign-in cannot send anyone elsewhere. */
export function safeReturnTo(value: string | null | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

export class SignInError extends Error {}

export interface SignIn {
  /** Where to send the browser to sign in, and the cookie that ties the answer to this browser. */
  start(
    returnTo: string,
    redirectUri: string,
    secure: boolean,
  ): Promise<{ location: string; setCookie: string }>;
  /** The provider's answer at the callback: a new session (its cookie) and where to go next. */
  finish(
    req: IncomingMessage,
    currentUrl: URL,
    secure: boolean,
  ): Promise<{ setCookies: string[]; returnTo: string; session: Session }>;
  session(req: IncomingMessage, secure: boolean): Session | undefined;
  signOut(req: IncomingMessage, secure: boolean): string[];
}

export async function createSignIn(settings: OidcSettings, sessionHours: number): Promise<SignIn> {
  const allowHttp = settings.issuer.protocol === 'http:';
  const config = await client.discovery(
    settings.issuer,
    settings.clientId,
    settings.clientSecret,
    settings.clientSecret ? undefined : client.None(),
    allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const sessions = new Map<string, Session>();
  const pending = new Map<string, PendingSignIn>();
  const sessionMs = sessionHours * 3_600_000;

  const sweep = () => {
    const now = Date.now();
    for (const [id, p] of pending) if (p.expiresAt < now) pending.delete(id);
    for (const [id, s] of sessions) if (s.expiresAt < now) sessions.delete(id);
  };

  return {
    async start(returnTo, redirectUri, secure) {
      sweep();
      if (pending.size >= MAX_PENDING)
        throw new SignInError('Too many sign-ins are under way. Try again in a few minutes.');
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const id = randomBytes(32).toString('base64url');
      pending.set(id, {
        codeVerifier,
        state,
        nonce,
        returnTo: safeReturnTo(returnTo),
        expiresAt: Date.now() + PENDING_MS,
      });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      // Lax: the provider's redirect back is a cross-site navigation, which a Strict cookie would miss.
      return {
        location: url.href,
        setCookie: cookie(signInCookieName(secure), id, secure, 'Lax', PENDING_MS / 1000),
      };
    },

    async finish(req, currentUrl, secure) {
      const id = readCookie(req, signInCookieName(secure));
      const started = id ? pending.get(id) : undefined;
      if (!id || !started || started.expiresAt < Date.now()) {
        throw new SignInError('This sign-in was not started here or took too long. Sign in again.');
      }
      pending.delete(id);
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: started.codeVerifier,
          expectedState: started.state,
          expectedNonce: started.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims() as Record<string, unknown> | undefined;
      } catch (error) {
        throw new SignInError(
          `The sign-in did not complete: ${error instanceof Error ? error.message : 'the provider refused it'}.`,
        );
      }
      if (!claims) throw new SignInError('The provider sent no ID token.');
      const role = roleFromClaims(claims, settings.roles);
      if (!role) {
        throw new SignInError(
          `Your account has no role in this console: its "${settings.roles.claim}" claim names neither an Administrator nor an Operator value. Ask an administrator.`,
        );
      }
      const name =
        [claims.name, claims.preferred_username, claims.email, claims.sub].find(
          (v): v is string => typeof v === 'string',
        ) ?? 'Signed in';
      const session: Session = { name, role, expiresAt: Date.now() + sessionMs };
      const sessionId = randomBytes(32).toString('base64url');
      sessions.set(sessionId, session);
      return {
        session,
        returnTo: started.returnTo,
        setCookies: [
          cookie(sessionCookieName(secure), sessionId, secure, 'Strict', Math.floor(sessionMs / 1000)),
          cookie(signInCookieName(secure), '', secure, 'Lax', 0),
        ],
      };
    },

    session(req, secure) {
      const id = readCookie(req, sessionCookieName(secure));
      const session = id ? sessions.get(id) : undefined;
      if (!id || !session) return undefined;
      if (session.expiresAt < Date.now()) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },

    signOut(req, secure) {
      const id = readCookie(req, sessionCookieName(secure));
      if (id) sessions.delete(id);
      return [cookie(sessionCookieName(secure), '', secure, 'Strict', 0)];
    },
  };
}
