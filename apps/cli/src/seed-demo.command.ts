import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AddMemberUseCase,
  CreateOperatorUseCase,
  RegisterOrganizationUseCase,
  type Actor,
} from '@carryover/identity';
import { ConflictError } from '@carryover/shared';
import { DEMO_FIRMS, DEMO_OPERATOR, DEMO_PASSWORD, type DemoFirm } from './demo-accounts';

/** Creates the demo operator and firms once; later runs find them and change nothing. */
@Injectable()
export class SeedDemoCommand {
  constructor(
    private readonly config: ConfigService,
    private readonly createOperator: CreateOperatorUseCase,
    private readonly register: RegisterOrganizationUseCase,
    private readonly addMember: AddMemberUseCase,
  ) {}

  async run(): Promise<string[]> {
    if (this.config.get('NODE_ENV') === 'production') {
      throw new Error('seed:demo creates well-known passwords and is refused when NODE_ENV=production');
    }
    const created: string[] = [];
    if (
      await this.ignoreTaken(() => this.createOperator.execute({ ...DEMO_OPERATOR, password: DEMO_PASSWORD }))
    ) {
      created.push(DEMO_OPERATOR.email);
    }
    for (const firm of DEMO_FIRMS) created.push(...(await this.seedFirm(firm)));
    return created;
  }

  private async seedFirm(firm: DemoFirm): Promise<string[]> {
    const [admin, ...others] = firm.members;
    const registered = await this.ignoreTaken(() =>
      this.register.execute({ organization: firm.organization, user: { ...admin, password: DEMO_PASSWORD } }),
    );
    if (!registered) return [];
    const actor: Actor = {
      kind: 'user',
      userId: registered.user.id,
      apiKeyId: null,
      organizationId: registered.organization.id,
      role: 'org_admin',
    };
    for (const member of others) await this.addMember.execute(actor, { ...member, password: DEMO_PASSWORD });
    return firm.members.map((m) => m.email);
  }

  /** Runs a create; an e-mail that already exists means this was seeded before. */
  private async ignoreTaken<T>(create: () => Promise<T>): Promise<T | null> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'email_taken') return null;
      throw error;
    }
  }
}
