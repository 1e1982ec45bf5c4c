import { JobHandlerRegistry, JOB_NAMES, type OutboxJob } from '@carryover/jobs';
import {
  DeliverWebhookUseCase,
  DispatchNotificationEventUseCase,
  SendExpiryRemindersUseCase,
  SendNotificationEmailUseCase,
} from '@carryover/notifications';
import { Test } from '@nestjs/testing';
import { NotificationsProcessor } from './notifications.processor';

describe('NotificationsProcessor', () => {
  async function boot() {
    const mocks = {
      dispatch: jest.fn(async () => {}),
      deliver: jest.fn(async () => {}),
      email: jest.fn(async () => {}),
      reminders: jest.fn(async () => 2),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        NotificationsProcessor,
        JobHandlerRegistry,
        { provide: DispatchNotificationEventUseCase, useValue: { execute: mocks.dispatch } },
        { provide: DeliverWebhookUseCase, useValue: { execute: mocks.deliver } },
        { provide: SendNotificationEmailUseCase, useValue: { execute: mocks.email } },
        { provide: SendExpiryRemindersUseCase, useValue: { execute: mocks.reminders } },
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return { registry: moduleRef.get(JobHandlerRegistry), ...mocks };
  }

  it('handles every webhooks job and the expiry reminders', async () => {
    const { registry } = await boot();
    expect(() =>
      registry.assertHandles([
        ...JOB_NAMES.filter((name) => name.startsWith('webhooks.')),
        'maintenance.expiry-reminders',
      ]),
    ).not.toThrow();
  });

  it('passes each job’s payload to its use case', async () => {
    const { registry, dispatch, deliver, email, reminders } = await boot();
    const event: OutboxJob<'order.filled'> = {
      eventId: 'e1',
      name: 'order.filled',
      payload: { orderId: 'o1', organizationId: 'org1' },
      occurredAt: '2026-11-23T10:00:00.000Z',
    };

    await registry.dispatch('webhooks.dispatch', event, { jobId: 'e1', attempt: 1 });
    await registry.dispatch(
      'webhooks.deliver',
      { deliveryId: 'd1', attempt: 2 },
      { jobId: 'd1', attempt: 1 },
    );
    await registry.dispatch('webhooks.send-email', { emailId: 'm1' }, { jobId: 'm1', attempt: 3 });
    await registry.dispatch('maintenance.expiry-reminders', {}, { jobId: 'repeat:1', attempt: 1 });

    expect(dispatch).toHaveBeenCalledWith(event);
    expect(deliver).toHaveBeenCalledWith({ deliveryId: 'd1', attempt: 2 });
    expect(email).toHaveBeenCalledWith('m1', 3);
    expect(reminders).toHaveBeenCalledTimes(1);
  });
});
