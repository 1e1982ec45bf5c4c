import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { ApiKeyEntity } from './entities/api-key.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { UserEntity } from './entities/user.entity';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { UserRepository } from './repositories/user.repository';
import { AuthenticationService } from './services/authentication.service';
import { IdentityQueryService } from './services/identity-query.service';
import { OrganizationDirectory } from './services/organization-directory.service';
import { LoginFailureTracker } from './services/login-failure-tracker.service';
import { PasswordHasher } from './services/password-hasher.service';
import { TokenService } from './services/token.service';
import { AddMemberUseCase } from './use-cases/add-member.use-case';
import { ChangeMemberRoleUseCase } from './use-cases/change-member-role.use-case';
import { CreateApiKeyUseCase } from './use-cases/create-api-key.use-case';
import { CreateOperatorUseCase } from './use-cases/create-operator.use-case';
import { DecideKycUseCase } from './use-cases/decide-kyc.use-case';
import { LoginUseCase } from './use-cases/login.use-case';
import { RegisterOrganizationUseCase } from './use-cases/register-organization.use-case';
import { RemoveMemberUseCase } from './use-cases/remove-member.use-case';
import { RevokeApiKeyUseCase } from './use-cases/revoke-api-key.use-case';

const USE_CASES = [
  RegisterOrganizationUseCase,
  LoginUseCase,
  AddMemberUseCase,
  ChangeMemberRoleUseCase,
  RemoveMemberUseCase,
  CreateApiKeyUseCase,
  RevokeApiKeyUseCase,
  CreateOperatorUseCase,
  DecideKycUseCase,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([OrganizationEntity, UserEntity, ApiKeyEntity]),
    AuditModule,
    // The secret is read lazily: processes that never sign tokens (the CLI) need not configure it.
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const secret = config.get<string>('JWT_SECRET');
        return {
          // A KeyObject, so jsonwebtoken does not try to parse the string as a PEM key on every sign/verify.
          secret: secret ? createSecretKey(Buffer.from(secret)) : secret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  providers: [
    OrganizationRepository,
    UserRepository,
    ApiKeyRepository,
    PasswordHasher,
    TokenService,
    LoginFailureTracker,
    AuthenticationService,
    IdentityQueryService,
    OrganizationDirectory,
    ...USE_CASES,
  ],
  exports: [AuthenticationService, IdentityQueryService, OrganizationDirectory, TokenService, ...USE_CASES],
})
export class IdentityModule {}
