import type { AuditService } from '@carryover/audit';
import type { Actor } from '@carryover/identity';
import type { OutboxService } from '@carryover/jobs';
import { ValidationError, type Clock } from '@carryover/shared';
import type { DataSource } from 'typeorm';
import type { DisputeRepository } from '../repositories/dispute.repository';
import type { ReleaseCompliance } from '../services/release-compliance.service';
import type { TradeStateMachine } from '../state-machine/trade-state-machine.service';
import { ResolveDisputeUseCase, type DisputeResolutionCommand } from './resolve-dispute.use-case';

const OPERATOR: Actor = {
  kind: 'user',
  userId: 'op',
  apiKeyId: null,
  organizationId: null,
  role: 'operator',
};

describe('ResolveDisputeUseCase', () => {
  const transaction = jest.fn();
  const useCase = new ResolveDisputeUseCase(
    { transaction } as unknown as DataSource,
    {} as TradeStateMachine,
    {} as DisputeRepository,
    {} as ReleaseCompliance,
    {} as OutboxService,
    {} as AuditService,
    { now: () => new Date() } as Clock,
  );

  it.each<[string, DisputeResolutionCommand]>([
    ['a partial refund without refundMinor', { outcome: 'partial_refund', reason: 'half' }],
    ['refundMinor with a whole refund', { outcome: 'refund', refundMinor: 10n, reason: 'x' }],
    ['refundMinor with a release', { outcome: 'release', refundMinor: 10n, reason: 'x' }],
    ['a refundMinor of zero', { outcome: 'partial_refund', refundMinor: 0n, reason: 'x' }],
  ])('refuses %s naming refundMinor, before touching the database', async (_case, command) => {
    const resolving = useCase.execute(OPERATOR, 'dispute-1', command);
    await expect(resolving).rejects.toBeInstanceOf(ValidationError);
    await expect(resolving).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: 'refundMinor' })],
    });
    expect(transaction).not.toHaveBeenCalled();
  });
});
