import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@carryover/identity';

export class RegisterOrganizationDto {
  @ApiProperty({ example: 'Acme Analytics Ltd' })
  @IsString()
  @IsNotEmpty()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    example: 'Acme Analytics Limited',
    description: 'registered legal entity; defaults to name',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Length(1, 200)
  legalEntityName?: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2 country of incorporation' })
  @IsString()
  @IsISO31661Alpha2()
  country!: string;
}

export class RegisterUserDto {
  @ApiProperty({ example: 'finance@acme.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @IsNotEmpty()
  @Length(1, 200)
  name!: string;
}

export class RegisterDto {
  @ApiProperty({ type: RegisterOrganizationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RegisterOrganizationDto)
  organization!: RegisterOrganizationDto;

  @ApiProperty({ type: RegisterUserDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RegisterUserDto)
  user!: RegisterUserDto;
}
