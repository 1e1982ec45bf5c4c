import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  KYC_STATUSES,
  ORGANIZATION_ROLES,
  type ApiKeyView,
  type OrganizationView,
  type UserView,
} from '@carryover/identity';

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() legalEntityName!: string;
  @ApiProperty({ example: 'GB' }) country!: string;
  @ApiProperty({ enum: KYC_STATUSES }) kycStatus!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) kycDecidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: [...ORGANIZATION_ROLES, 'operator'] }) role!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RegisterResponse {
  @ApiProperty({ type: OrganizationResponse }) organization!: OrganizationResponse;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn!: number;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn!: number;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse, nullable: true, description: 'null when the caller is an API key' })
  user!: UserResponse | null;
  @ApiProperty({ type: OrganizationResponse, nullable: true, description: 'null for platform operators' })
  organization!: OrganizationResponse | null;
  @ApiProperty({ enum: ['user', 'api_key'] }) authenticatedAs!: string;
  @ApiProperty({ enum: [...ORGANIZATION_ROLES, 'operator'] }) role!: string;
}

export class MemberPageResponse {
  @ApiProperty({ type: [UserResponse] }) data!: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role!: string;
  @ApiProperty({ description: 'first characters of the key, to tell keys apart' }) prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'the secret key; shown this once and never again' }) key!: string;
}

export class ApiKeyPageResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) data!: ApiKeyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toOrganizationResponse(view: OrganizationView): OrganizationResponse {
  return { ...view, kycDecidedAt: iso(view.kycDecidedAt), createdAt: view.createdAt.toISOString() };
}

export function toUserResponse(view: UserView): UserResponse {
  return { ...view, disabledAt: iso(view.disabledAt), createdAt: view.createdAt.toISOString() };
}

export function toApiKeyResponse(view: ApiKeyView): ApiKeyResponse {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    lastUsedAt: iso(view.lastUsedAt),
    revokedAt: iso(view.revokedAt),
  };
}
