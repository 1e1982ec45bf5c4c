import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Interrupted, type Supervisor } from './supervisor';

/** Polls `url` until it answers 200; gives up at the deadline or when a stop is requested. */
export async function waitForHealth(url: string, timeoutMs: number, supervisor: Supervisor): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (supervisor.stopping) throw new Interrupted('stopped while waiting for the API');
    last = await probe(url);
    if (last === 'HTTP 200') return;
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s (last: ${last})`);
}

/** node:http rather than fetch, which refuses some ports (e.g. 6000) that a developer may choose. */
function probe(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(`HTTP ${response.statusCode}`);
    });
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', (error) => resolve(error.message));
  });
}
