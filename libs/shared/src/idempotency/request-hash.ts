import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json';

/** sha256 hex of the request's method, path and canonical JSON body: equal exactly when the requests are. */
export function computeRequestHash(method: string, path: string, body: unknown): string {
  const canonical = canonicalJson({ method: method.toUpperCase(), path, body: body ?? null });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
