import { UnrecoverableError } from 'bullmq';
import { JOB_NAMES } from '../job-catalogue';
import { JobHandlerRegistry } from './job-handler-registry.service';

describe('JobHandlerRegistry', () => {
  const context = { jobId: 'job-1', attempt: 1 };

  it('fails the startup check naming each catalogued job that has no handler', () => {
    const registry = new JobHandlerRegistry();

    expect(() => registry.assertHandles(JOB_NAMES)).toThrow(
      `No handler registered for job(s): ${JOB_NAMES.join(', ')}.`,
    );
  });

  it('passes the startup check once every catalogued job has a handler', () => {
    const registry = new JobHandlerRegistry();
    for (const name of JOB_NAMES) registry.register(name, async () => {});

    expect(() => registry.assertHandles(JOB_NAMES)).not.toThrow();
  });

  it('refuses a second handler for the same job name', () => {
    const registry = new JobHandlerRegistry();
    registry.register('maintenance.heartbeat', async () => {});

    expect(() => registry.register('maintenance.heartbeat', async () => {})).toThrow(/already has a handler/);
  });

  it('dispatches a stored job to its handler with the payload and run context', async () => {
    const registry = new JobHandlerRegistry();
    const handler = jest.fn(async () => {});
    registry.register('maintenance.heartbeat', handler);

    await registry.dispatch('maintenance.heartbeat', {}, context);

    expect(handler).toHaveBeenCalledWith({}, context);
  });

  it('propagates a handler failure so BullMQ retries the job', async () => {
    const registry = new JobHandlerRegistry();
    registry.register('maintenance.heartbeat', async () => {
      throw new Error('redis down');
    });

    await expect(registry.dispatch('maintenance.heartbeat', {}, context)).rejects.toThrow('redis down');
  });

  it('fails a job whose name is not catalogued without retrying it', async () => {
    const registry = new JobHandlerRegistry();

    const run = registry.dispatch('maintenance.renamed-long-ago', {}, context);

    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(run).rejects.toThrow(/Unknown job name "maintenance.renamed-long-ago"/);
  });
});
