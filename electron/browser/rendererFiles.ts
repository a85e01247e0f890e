/**
 * The built renderer as files a server hands out: which file a request path names (never one outside the
 * renderer folder), its content type, and the headers every answer carries. Browser mode's bridge and the
 * desktop app's app:// protocol both serve the renderer through this module, so they refuse the same paths
 * and send the same Content-Security-Policy.
 */
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** For a page that declares no policy (a broken build): answers never go out without one. */
export const FALLBACK_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The file `urlPath` (a URL's pathname, still percent-encoded) names inside `rootDir`, or null when it names
 * nothing there: a path that climbs out (`..`, encoded or not, or an encoded separator), a malformed escape or
 * a NUL byte. `/` is the page itself.
 */
export function rendererFileOf(rootDir: string, urlPath: string): string | null {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' || urlPath === '' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  return file.startsWith(root + sep) ? file : null;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function isHtml(file: string): boolean {
  return extname(file).toLowerCase() === '.html';
}

/** The policy a page declares in its <meta http-equiv="Content-Security-Policy">, or null. */
export function declaredContentSecurityPolicy(html: string): string | null {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>/]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const policy = (content?.[1] ?? content?.[2] ?? '').trim();
    if (policy !== '') return policy;
  }
  return null;
}

/**
 * The Content-Security-Policy header of a page: the policy its meta tag declares, so the header and the tag
 * never disagree, plus `frame-ancestors 'none'`, which only a header can carry (no other page may frame the
 * console to trick a click).
 */
export function contentSecurityPolicyHeader(html: string): string {
  const declared = declaredContentSecurityPolicy(html) ?? FALLBACK_CONTENT_SECURITY_POLICY;
  return /(^|;)\s*frame-ancestors\b/i.test(declared)
    ? declared
    : `${declared.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

/**
 * Headers on every answer: the declared type is the only one a browser may assume, no other site may embed
 * or read these files (the scripts included), and no address leaks in a Referer.
 */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** The headers of a renderer file's answer (a page's policy is read from its own text). */
export function rendererFileHeaders(file: string, body: Buffer | string): Record<string, string> {
  const headers: Record<string, string> = { ...COMMON_HEADERS, 'content-type': contentTypeOf(file) };
  if (isHtml(file)) {
    headers['content-security-policy'] = contentSecurityPolicyHeader(body.toString());
    headers['x-frame-options'] = 'DENY';
  }
  return headers;
}
