import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DecideKycUseCase, ORGANIZATION_REGISTERED } from '@carryover/identity';
import { DomainEventBus } from '@carryover/shared';
import { ReviewHandlers } from './review-handlers';
import { ReviewQueue } from './review-queue.service';

/** Every new organisation waits in the review queue for its KYC check; the decision goes to identity. */
@Injectable()
export class OrganizationKycReviews implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly queue: ReviewQueue,
    private readonly handlers: ReviewHandlers,
    private readonly decideKyc: DecideKycUseCase,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(ORGANIZATION_REGISTERED, async (manager, event) => {
      const { organizationId, name } = event.payload as { organizationId: string; name: string };
      await this.queue.open(manager, {
        subjectType: 'organization',
        subjectId: organizationId,
        organizationId,
        summary: `KYC check of ${name}`,
      });
    });
    this.handlers.register('organization', async (manager, actor, organizationId, decision, reason) => {
      await this.decideKyc.execute(
        actor,
        organizationId,
        decision === 'approve' ? 'verify' : 'reject',
        reason,
        manager,
      );
    });
  }
}
