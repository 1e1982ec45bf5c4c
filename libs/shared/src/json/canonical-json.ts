export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function encode(value: unknown, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot encode ${value}`);
      // ECMAScript number serialisation is exactly what RFC 8785 section 3.2.2.3 prescribes.
      return JSON.stringify(value);
    case 'string':
      if (hasLoneSurrogate(value)) throw new TypeError('canonical JSON cannot encode a lone surrogate');
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonical JSON cannot encode a bigint: convert it to a string first');
    default:
      break;
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('canonical JSON cannot encode a circular structure');
  seen.add(object);
  try {
    const withToJson = object as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON(), seen);
    if (Array.isArray(object)) {
      return `[${object.map((item: unknown) => encode(item, seen) ?? 'null').join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    // Default sort compares UTF-16 code units, the order RFC 8785 section 3.2.3 requires.
    for (const key of Object.keys(record).sort()) {
      const encoded = encode(record[key], seen);
      if (encoded !== undefined) members.push(`${encode(key, seen)}:${encoded}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) encoding: the same value always gives the same string, whatever
 * the key order. Hashes of audit events and idempotent requests are computed over it, so its output must
 * never change; it is kept in-repo rather than imported because the `canonicalize` package ships as ESM
 * only and cannot be required from this CommonJS build.
 */
export function canonicalJson(value: unknown): string {
  const encoded = encode(value, new Set());
  if (encoded === undefined)
    throw new TypeError(`canonical JSON cannot encode a value of type ${typeof value}`);
  return encoded;
}
