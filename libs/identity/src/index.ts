import { ApiKeyEntity } from './entities/api-key.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { UserEntity } from './entities/user.entity';

export const IDENTITY_ENTITIES = [OrganizationEntity, UserEntity, ApiKeyEntity];

export * from './domain/actor';
export * from './domain/credentials';
export * from './domain/role';
export * from './domain/views';
export * from './identity.module';
export type { PageRequest } from './repositories/organization-scoped.repository';
export { OrganizationScopedRepository } from './repositories/organization-scoped.repository';
export { AuthenticationService } from './services/authentication.service';
export { IdentityQueryService } from './services/identity-query.service';
export { JWT_AUDIENCE, JWT_ISSUER, TokenService, type AccessTokenClaims } from './services/token.service';
export { AddMemberUseCase, type AddMemberCommand } from './use-cases/add-member.use-case';
export { ChangeMemberRoleUseCase } from './use-cases/change-member-role.use-case';
export { CreateApiKeyUseCase, type CreateApiKeyCommand } from './use-cases/create-api-key.use-case';
export { CreateOperatorUseCase, type CreateOperatorCommand } from './use-cases/create-operator.use-case';
export { LoginUseCase, type LoginCommand } from './use-cases/login.use-case';
export {
  ORGANIZATION_REGISTERED,
  RegisterOrganizationUseCase,
  type RegisterOrganizationCommand,
} from './use-cases/register-organization.use-case';
export { RemoveMemberUseCase } from './use-cases/remove-member.use-case';
export { RevokeApiKeyUseCase } from './use-cases/revoke-api-key.use-case';
export { LOGIN_FAILURE_BURST, LOGIN_FAILURE_WINDOW_SECONDS } from './services/login-failure-tracker.service';
export { DecideKycUseCase, type KycDecision } from './use-cases/decide-kyc.use-case';
export { OrganizationDirectory } from './services/organization-directory.service';
