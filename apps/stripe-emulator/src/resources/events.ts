import { noSuch } from '../errors';
import { listOf, listParams } from '../lists';
import { allowOnly, optionalString, stringList } from '../params';
import { route, type Route, snapshot } from '../router';

export const eventRoutes: Route[] = [
  route('GET', '/v1/events', (context, request) => {
    allowOnly(request.params, listParams('type', 'types', 'delivery_success', 'created'));
    const type = optionalString(request.params, 'type');
    const wanted = stringList(request.params, 'types');
    const events = [...context.store.events.values()].filter(
      (event) => (!type || matchesType(event.type, type)) && (!wanted || wanted.includes(event.type)),
    );
    return listOf(events, request.params, '/v1/events', 'event');
  }),
  route('GET', '/v1/events/:id', (context, _request, id) => {
    const event = context.store.events.get(id);
    if (!event) throw noSuch('event', id);
    return snapshot(event);
  }),
];

/** `type=payment_intent.*` matches every payment_intent event, as Stripe's filter does. */
function matchesType(type: string, filter: string): boolean {
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : type === filter;
}
