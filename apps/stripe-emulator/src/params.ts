import { invalidParam, missingParam, parameterError, unknownParam } from './errors';
import type { FormObject, FormValue } from './form-parser';

/** Rejects parameters an endpoint does not know, as Stripe does (it never ignores them silently). */
export function allowOnly(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) throw unknownParam(key);
  }
}

export function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${name} must be a string.`);
  return value;
}

export function requireString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw missingParam(name);
  return value;
}

export function optionalEnum<T extends string>(
  params: FormObject,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidParam(name, `Invalid ${name}: must be one of ${values.join(', ')}`);
  }
  return value as T;
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw parameterError('parameter_invalid_integer', name, `Invalid integer: ${value}`);
  }
  return Number(value);
}

export function requireInteger(params: FormObject, name: string): number {
  const value = optionalInteger(params, name);
  if (value === undefined) throw missingParam(name);
  return value;
}

export function optionalBoolean(params: FormObject, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw invalidParam(name, `Invalid boolean: ${value}`);
  }
  return value === 'true';
}

/** Lower-cased ISO-4217 code; Stripe answers currencies in lower case whatever the request used. */
export function requireCurrency(params: FormObject, name = 'currency'): string {
  const value = requireString(params, name).toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) throw invalidParam(name, `Invalid currency: ${value}.`);
  return value;
}

/** `metadata[k]=v` pairs merged into `current`; an empty value deletes the key, as in Stripe. */
export function metadata(params: FormObject, current: Record<string, string> = {}): Record<string, string> {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidParam('metadata', 'Invalid hash: metadata');
  const merged = { ...current };
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalidParam(`metadata[${key}]`, 'Metadata values must be strings.');
    if (entry === '') delete merged[key];
    else merged[key] = entry;
  }
  if (Object.keys(merged).length > 50)
    throw invalidParam('metadata', 'You can have at most 50 metadata keys.');
  return merged;
}

/** `expand[]=a&expand[]=b` as a list of paths. */
export function expandPaths(params: FormObject): string[] {
  const value: FormValue | undefined = params.expand;
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value);
  return list.filter((entry): entry is string => typeof entry === 'string');
}

export function optionalObject(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalidParam(name, `Invalid hash: ${name}`);
  return value;
}

/** `list[0]=a&list[1]=b` (or a single value) as a list of strings. */
export function stringList(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list || !list.every((entry): entry is string => typeof entry === 'string')) {
    throw invalidParam(name, `Invalid array: ${name}`);
  }
  return list;
}
