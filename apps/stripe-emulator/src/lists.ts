import { invalidParam, noSuch } from './errors';
import type { FormObject } from './form-parser';
import type { StripeList } from './objects';
import { optionalInteger, optionalString } from './params';
import { snapshot } from './router';

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before'];

/** Stripe's cursor pagination: newest first, `limit` 1..100 (default 10), `starting_after` an id. */
export function listOf<T extends { id: string }>(
  items: Iterable<T>,
  params: FormObject,
  url: string,
  resource: string,
): StripeList<T> {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'Invalid limit: must be between 1 and 100');
  let newestFirst = [...items].reverse();
  const after = optionalString(params, 'starting_after');
  if (after !== undefined) {
    const index = newestFirst.findIndex((item) => item.id === after);
    if (index < 0) throw noSuch(resource, after, 'starting_after');
    newestFirst = newestFirst.slice(index + 1);
  }
  const before = optionalString(params, 'ending_before');
  if (before !== undefined) {
    const index = newestFirst.findIndex((item) => item.id === before);
    if (index < 0) throw noSuch(resource, before, 'ending_before');
    newestFirst = newestFirst.slice(Math.max(0, index - limit), index);
  }
  const page = newestFirst.slice(0, limit);
  return { object: 'list', data: page.map(snapshot), has_more: newestFirst.length > limit, url };
}

export function listParams(...extra: string[]): string[] {
  return [...LIST_PARAMS, ...extra];
}
