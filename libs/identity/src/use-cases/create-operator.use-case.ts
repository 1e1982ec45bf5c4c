import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { assertPasswordPolicy, normaliseEmail } from '../domain/credentials';
import { toUserView } from '../domain/mappers';
import type { UserView } from '../domain/views';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from '../services/password-hasher.service';

export interface CreateOperatorCommand {
  email: string;
  password: string;
  name: string;
}

/** Creates a platform operator (staff, no organisation); run from the command line, never over HTTP. */
@Injectable()
export class CreateOperatorUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async execute(command: CreateOperatorCommand): Promise<UserView> {
    assertPasswordPolicy(command.password);
    const passwordHash = await this.passwords.hash(command.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.insert(manager, {
        organizationId: null,
        email: normaliseEmail(command.email),
        name: command.name.trim(),
        passwordHash,
        role: 'operator',
      });
      await this.audit.append(manager, {
        actor: { type: 'system', id: null, organizationId: null },
        action: 'identity.operator_created',
        entity: 'user',
        entityId: user.id,
        data: { email: user.email },
      });
      return toUserView(user);
    });
  }
}
