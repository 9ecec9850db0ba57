/**
 * The renderer's Content-Security-Policy, one text for every host: only our own bundle runs, nothing is
 * fetched from anywhere but the host that served it. Monaco needs inline styles and blob: workers.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
