// The Content-Security-Policy of the production build, in one place. scripts/serve.mjs sends it as a
// header; the build also writes it into index.html as a <meta> tag, so a build served by another static
// server keeps it (a meta tag cannot carry frame-ancestors, which the header adds).
//
// What the app needs, and no more:
// - scripts, workers (the CSV worker, MSW's service worker), fonts (@fontsource, bundled) and images
//   from the app's own origin; no inline scripts and no eval;
// - inline styles, because Emotion (MUI) injects <style> elements at run time;
// - fetch to its own origin (/api) and to the demo DPS endpoint, which the demo backend intercepts in
//   the page (the page's own CSP governs that fetch before the service worker sees it);
// - nothing may frame the console, no plugins, no <base> or form posts elsewhere.

/** The demo device registers with DPS's global endpoint (src/lib/dps-protocol.ts). */
export const DPS_GLOBAL_ENDPOINT = 'https://global.azure-devices-provisioning.net';

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'", DPS_GLOBAL_ENDPOINT],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta http-equiv> policy ignores (with a console warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as the Content-Security-Policy header sends it. */
export function contentSecurityPolicy() {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy for index.html's <meta http-equiv="Content-Security-Policy">. */
export function metaContentSecurityPolicy() {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers every response of the production server carries. */
export function securityHeaders() {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Page URLs never leave the console (device IDs, filters): no Referer to other origins.
    'Referrer-Policy': 'same-origin',
  };
}
