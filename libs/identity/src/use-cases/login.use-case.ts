import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { UnauthenticatedError } from '@carryover/shared';
import { normaliseEmail } from '../domain/credentials';
import type { IssuedToken } from '../domain/views';
import { UserRepository } from '../repositories/user.repository';
import { LOGIN_FAILURE_WINDOW_SECONDS, LoginFailureTracker } from '../services/login-failure-tracker.service';
import { PasswordHasher } from '../services/password-hasher.service';
import { TokenService } from '../services/token.service';

export interface LoginCommand {
  email: string;
  password: string;
}

/** Exchanges e-mail and password for an access token. Every failure looks the same to the caller. */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailureTracker,
    private readonly audit: AuditService,
  ) {}

  async execute(command: LoginCommand): Promise<IssuedToken> {
    const email = normaliseEmail(command.email);
    const user = await this.users.findForLogin(email);
    const passwordMatches = await this.passwords.verify(user?.passwordHash ?? null, command.password);

    if (!user || !passwordMatches || user.disabledAt !== null) {
      await this.recordFailure(email, user?.id ?? null, user?.organizationId ?? null);
      throw new UnauthenticatedError('invalid_credentials', 'The e-mail or password is incorrect.');
    }
    await this.failures.clear(email);
    return this.tokens.issue(user);
  }

  private async recordFailure(
    email: string,
    userId: string | null,
    organizationId: string | null,
  ): Promise<void> {
    const { failures, isBurst } = await this.failures.recordFailure(email);
    if (!isBurst) return;
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        actor: { type: 'anonymous', id: null, organizationId: null },
        action: 'identity.login_failure_burst',
        entity: userId ? 'user' : 'login',
        entityId: userId ?? email,
        data: { email, organizationId, failures, windowSeconds: LOGIN_FAILURE_WINDOW_SECONDS },
      }),
    );
  }
}
