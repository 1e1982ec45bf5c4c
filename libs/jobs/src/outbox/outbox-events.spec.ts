import { JOB_CATALOGUE } from '../job-catalogue';
import { OUTBOX_ROUTES, routeQueues } from './outbox-events';

describe('outbox routes', () => {
  it('sends at most one job of an event to each queue (jobId = event id)', () => {
    const doubled = Object.keys(OUTBOX_ROUTES).filter((name) => {
      const queues = routeQueues(OUTBOX_ROUTES, name);
      return new Set(queues).size !== queues.length;
    });
    expect(doubled).toEqual([]);
    expect(routeQueues({ x: ['maintenance.heartbeat', 'maintenance.heartbeat'] }, 'x')).toHaveLength(2);
  });

  it('routes only to catalogued jobs', () => {
    for (const jobs of Object.values(OUTBOX_ROUTES)) {
      for (const job of jobs ?? []) expect(JOB_CATALOGUE[job]).toBeDefined();
    }
  });

  it('names the queues of a route in order', () => {
    expect(routeQueues({ 'trade.funded': ['maintenance.heartbeat'] }, 'trade.funded')).toEqual([
      'maintenance',
    ]);
    expect(routeQueues({}, 'trade.funded')).toEqual([]);
  });
});
