import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@carryover/audit';
import type { JobQueue } from '@carryover/jobs';
import type { Clock } from '@carryover/shared';
import type { WebhookResponse, WebhookSender } from '../delivery/webhook-sender';
import { verifyWebhookSignature } from '../domain/webhook-signature';
import { notificationSettingsFrom } from '../notification-settings';
import type {
  DeliveryToAttempt,
  WebhookDeliveryRepository,
} from '../repositories/webhook-delivery.repository';
import type { WebhookEndpointRepository } from '../repositories/webhook-endpoint.repository';
import { DeliverWebhookUseCase } from './deliver-webhook.use-case';

describe('DeliverWebhookUseCase', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const settings = notificationSettingsFrom(
    (name) =>
      ({ WEBHOOK_MAX_ATTEMPTS: 3, WEBHOOK_RETRY_BASE_MS: 1000, WEBHOOK_DISABLE_AFTER_FAILURES: 2 })[name],
  );

  function setup(delivery: Partial<DeliveryToAttempt>, response: WebhookResponse) {
    let state: DeliveryToAttempt = {
      id: 'd1',
      status: 'pending',
      attemptCount: 0,
      body: '{"id":"e1"}',
      endpointId: 'w1',
      organizationId: 'o1',
      url: 'https://hooks.example/x',
      secret: 'whsec_test',
      endpointDisabled: false,
      endpointDeleted: false,
      ...delivery,
    };
    const deliveries = {
      findToAttempt: jest.fn(async () => ({ ...state })),
      recordAttempt: jest.fn(
        async (
          _m: EntityManager,
          _id: string,
          attempt: { outcome: string; nextAttemptAt: Date | null; attemptNumber: number },
        ) => {
          const status =
            attempt.outcome === 'succeeded' ? 'succeeded' : attempt.nextAttemptAt ? 'retrying' : 'failed';
          state = { ...state, status, attemptCount: attempt.attemptNumber };
          return status;
        },
      ),
      abandon: jest.fn(async () => {}),
    };
    const endpoints = { recordSuccess: jest.fn(async () => {}), recordFailure: jest.fn(async () => true) };
    const sender = { send: jest.fn(async () => response) };
    const jobs = { enqueue: jest.fn(async () => {}) };
    const audit = { append: jest.fn(async () => ({})) };
    const dataSource = { transaction: (work: (m: EntityManager) => unknown) => work({} as EntityManager) };
    const useCase = new DeliverWebhookUseCase(
      dataSource as unknown as DataSource,
      deliveries as unknown as WebhookDeliveryRepository,
      endpoints as unknown as WebhookEndpointRepository,
      sender as unknown as WebhookSender,
      jobs as unknown as JobQueue,
      audit as unknown as AuditService,
      { now: () => now } as Clock,
      settings,
    );
    return { useCase, deliveries, endpoints, sender, jobs, audit };
  }

  const ok: WebhookResponse = { ok: true, status: 204, error: null, durationMs: 5 };
  const down: WebhookResponse = { ok: false, status: 500, error: 'HTTP 500', durationMs: 5 };

  it('sends the stored body signed with the endpoint secret and records the success', async () => {
    const { useCase, sender, endpoints, jobs } = setup({}, ok);
    await useCase.execute({ deliveryId: 'd1', attempt: 1 });
    const [request] = sender.send.mock.calls[0] as unknown as [
      { body: string; headers: Record<string, string> },
    ];
    expect(request.body).toBe('{"id":"e1"}');
    const header = request.headers['Carryover-Signature'];
    expect(
      verifyWebhookSignature({ body: request.body, header, secret: 'whsec_test', now: now.getTime() / 1000 }),
    ).toBe(true);
    expect(endpoints.recordSuccess).toHaveBeenCalledWith({}, 'w1');
    expect(jobs.enqueue).not.toHaveBeenCalled();
  });

  it('schedules the next attempt after a failure with attempts left, doubling the wait', async () => {
    const { useCase, deliveries, jobs } = setup({ status: 'retrying', attemptCount: 1 }, down);
    await useCase.execute({ deliveryId: 'd1', attempt: 2 });
    expect(deliveries.recordAttempt.mock.calls[0]?.[2]).toMatchObject({
      attemptNumber: 2,
      outcome: 'failed',
      nextAttemptAt: new Date(now.getTime() + 2000),
    });
    expect(jobs.enqueue).toHaveBeenCalledWith(
      'webhooks.deliver',
      { deliveryId: 'd1', attempt: 3 },
      { jobId: 'd1-attempt-3', delayMs: 2000 },
    );
  });

  it('fails the delivery on its last attempt, counts it against the endpoint and audits the disabling', async () => {
    const { useCase, endpoints, jobs, audit } = setup({ status: 'retrying', attemptCount: 2 }, down);
    await useCase.execute({ deliveryId: 'd1', attempt: 3 });
    expect(endpoints.recordFailure).toHaveBeenCalledWith({}, 'w1', 2, now);
    expect(audit.append).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ action: 'notifications.webhook_endpoint_disabled' }),
    );
    expect(jobs.enqueue).not.toHaveBeenCalled();
  });

  it('does nothing for an attempt already made, but re-enqueues the next one a crash may have lost', async () => {
    const { useCase, sender, jobs } = setup({ status: 'retrying', attemptCount: 2 }, ok);
    await useCase.execute({ deliveryId: 'd1', attempt: 2 });
    expect(sender.send).not.toHaveBeenCalled();
    expect(jobs.enqueue).toHaveBeenCalledWith(
      'webhooks.deliver',
      { deliveryId: 'd1', attempt: 3 },
      expect.anything(),
    );
  });

  it('gives up without sending when the endpoint was disabled meanwhile', async () => {
    const { useCase, sender, deliveries } = setup({ endpointDisabled: true }, ok);
    await useCase.execute({ deliveryId: 'd1', attempt: 1 });
    expect(sender.send).not.toHaveBeenCalled();
    expect(deliveries.abandon).toHaveBeenCalledWith({}, 'd1', 'endpoint disabled', now);
  });
});
