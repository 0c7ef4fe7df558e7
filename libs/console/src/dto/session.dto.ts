import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateSessionDto {
  @IsString({ message: 'Enter your email address.' })
  @MaxLength(254)
  email!: string;

  @IsString({ message: 'Enter your password.' })
  @MaxLength(256)
  password!: string;

  /** Second factor, once TOTP enrolment exists. */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'The code has six digits.' })
  totp?: string;
}
