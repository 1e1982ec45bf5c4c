import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DecideReviewUseCase } from '@carryover/compliance';
import { RegisterCreditLotUseCase } from '@carryover/credits';
import {
  AddMemberUseCase,
  CreateOperatorUseCase,
  IdentityQueryService,
  RegisterOrganizationUseCase,
  type Actor,
} from '@carryover/identity';
import { Clock } from '@carryover/shared';
import { DEMO_FIRMS, DEMO_OPERATOR, DEMO_PASSWORD, type DemoFirm } from './demo-accounts';

const DAY_MS = 86_400_000;
const REASON = 'demo data seeded for a local stack';

/**
 * Creates the demo operator, the seller and buyer firms (KYC verified) and the seller's verified lots.
 * A run that finds the operator already present changes nothing.
 */
@Injectable()
export class SeedDemoCommand {
  constructor(
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly identity: IdentityQueryService,
    private readonly createOperator: CreateOperatorUseCase,
    private readonly register: RegisterOrganizationUseCase,
    private readonly addMember: AddMemberUseCase,
    private readonly registerLot: RegisterCreditLotUseCase,
    private readonly decide: DecideReviewUseCase,
  ) {}

  /** Returns the number of users created; 0 when the demo data was already there. */
  async run(): Promise<number> {
    if (this.config.get('NODE_ENV') === 'production') {
      throw new Error('seed:demo creates well-known passwords and is refused when NODE_ENV=production');
    }
    if (await this.identity.operatorExists(DEMO_OPERATOR.email)) return 0;
    const operator = await this.createOperator.execute({ ...DEMO_OPERATOR, password: DEMO_PASSWORD });
    const operatorActor: Actor = {
      kind: 'user',
      userId: operator.id,
      apiKeyId: null,
      organizationId: null,
      role: 'operator',
    };
    let users = 1;
    for (const firm of DEMO_FIRMS) users += await this.seedFirm(firm, operatorActor);
    return users;
  }

  private async seedFirm(firm: DemoFirm, operator: Actor): Promise<number> {
    const [admin, ...others] = firm.members;
    const { organization, user } = await this.register.execute({
      organization: firm.organization,
      user: { ...admin, password: DEMO_PASSWORD },
    });
    const actor: Actor = {
      kind: 'user',
      userId: user.id,
      apiKeyId: null,
      organizationId: organization.id,
      role: 'org_admin',
    };
    for (const member of others) await this.addMember.execute(actor, { ...member, password: DEMO_PASSWORD });
    await this.decide.bySubject(operator, 'organization', organization.id, 'approve', REASON);

    for (const [index, lot] of firm.lots.entries()) {
      const { lot: created } = await this.registerLot.execute(actor, {
        ...lot,
        accountReference: `${lot.providerCode}-demo-account`,
        expiresAt: new Date(this.clock.now().getTime() + lot.expiresInDays * DAY_MS),
        evidence: { statementReference: `DEMO-${index + 1}`, note: 'demo statement' },
      });
      await this.decide.bySubject(operator, 'credit_lot', created.id, 'approve', REASON);
    }
    return firm.members.length;
  }
}
