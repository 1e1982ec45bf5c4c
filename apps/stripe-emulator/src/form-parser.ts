import { parameterError } from './errors';

/** A decoded form parameter: `a=1`, `a[b]=1` and `a[0]=1` / `a[]=1` nest as Stripe's servers read them. */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
// Metadata keys are free-form: `metadata[0]=x` is the key "0", not an array.
const FREE_FORM_PARENTS = new Set(['metadata']);

/** Parses an application/x-www-form-urlencoded body (or query string) into nested objects and arrays. */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    assign(root, keyPath(decode(rawKey)), decode(rawValue));
  }
  return toArrays(root, '') as FormObject;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw parameterError('parameter_invalid_string', text, `Invalid URL encoding in '${text}'.`);
  }
}

function keyPath(key: string): string[] {
  const match = KEY.exec(key);
  if (!match) return [key];
  const segments = [match[1]];
  for (const bracket of match[2].match(/\[[^[\]]*\]/g) ?? []) segments.push(bracket.slice(1, -1));
  return segments;
}

function assign(root: FormObject, path: string[], value: string): void {
  let node = root;
  const name = path.join('.');
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i] === '' ? String(Object.keys(node).length) : path[i];
    if (FORBIDDEN.has(segment)) throw parameterError('parameter_unknown', name, `Invalid parameter: ${name}`);
    if (i === path.length - 1) {
      if (typeof node[segment] === 'object') throw invalidHash(path.slice(0, i + 1));
      node[segment] = value;
      return;
    }
    const next = node[segment] ?? {};
    if (typeof next === 'string') throw invalidHash(path.slice(0, i + 1));
    node[segment] = next;
    node = next as FormObject;
  }
}

function invalidHash(path: string[]): Error {
  const param =
    path[0] +
    path
      .slice(1)
      .map((segment) => `[${segment}]`)
      .join('');
  return parameterError(
    'parameter_invalid_string',
    param,
    `Invalid hash or array: ${param} is given both as a value and as a container.`,
  );
}

function toArrays(value: FormValue, parentKey: string): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = toArrays(value[key], key);
  const indexed = keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
  if (!indexed || FREE_FORM_PARENTS.has(parentKey)) return converted;
  return keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((index) => converted[String(index)]);
}
