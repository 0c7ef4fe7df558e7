import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

import { CONSOLE_ROLES, ConsoleRole } from '../console-user.entity';

const ROLE_MESSAGE = `The role must be one of ${CONSOLE_ROLES.join(', ')}.`;

export class CreateConsoleUserDto {
  @IsEmail({}, { message: 'Enter a valid email address, like name@example.org.' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(1, 200, { message: 'The name is required (up to 200 characters).' })
  name!: string;

  @IsString()
  @Length(12, 256, { message: 'The password must have 12 to 256 characters.' })
  password!: string;

  @IsIn(CONSOLE_ROLES, { message: ROLE_MESSAGE })
  role!: ConsoleRole;
}

export class UpdateConsoleUserDto {
  @IsOptional()
  @IsIn(CONSOLE_ROLES, { message: ROLE_MESSAGE })
  role?: ConsoleRole;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'The name is required (up to 200 characters).' })
  name?: string;
}
