import type { ApiKeyEntity } from '../entities/api-key.entity';
import type { OrganizationEntity } from '../entities/organization.entity';
import type { UserEntity } from '../entities/user.entity';
import type { ApiKeyView, OrganizationView, UserView } from './views';

export function toOrganizationView(row: OrganizationEntity): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    legalEntityName: row.legalEntityName,
    country: row.country,
    kycStatus: row.kycStatus,
    kycDecidedAt: row.kycDecidedAt,
    createdAt: row.createdAt,
  };
}

export function toUserView(row: UserEntity): UserView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    name: row.name,
    role: row.role,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
  };
}

export function toApiKeyView(row: ApiKeyEntity): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
