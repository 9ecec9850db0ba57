import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Resolves a URL path inside `root` only; anything that would escape it, or is not a file, is null. */
export function readStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const abs = normalize(join(root, rel));
  if (abs !== root && !abs.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    if (!statSync(abs).isFile()) return null;
    return { body: readFileSync(abs), type: TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
