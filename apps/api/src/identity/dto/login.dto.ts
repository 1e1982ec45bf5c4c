import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@carryover/identity';

/** Deliberately loose: a malformed e-mail gets the same 401 as a wrong password, revealing nothing. */
export class LoginDto {
  @ApiProperty({ example: 'finance@acme.example' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
