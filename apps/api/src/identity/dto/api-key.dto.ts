import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { ORGANIZATION_ROLES, type OrganizationRole } from '@carryover/identity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'treasury-integration' })
  @IsString()
  @IsNotEmpty()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_ROLES, default: 'trader', description: 'what the key may do' })
  @IsOptional()
  @IsIn(ORGANIZATION_ROLES)
  role: OrganizationRole = 'trader';
}
