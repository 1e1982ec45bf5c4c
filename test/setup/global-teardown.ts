import { takeTestStack } from './global-setup';

/** Drops the run's database on a shared server, then stops the servers global setup started. */
export default async function globalTeardown(): Promise<void> {
  await takeTestStack()?.stop();
}
