import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateSessionDto {
  @IsString({ message: 'Enter your email address.' })
  @MaxLength(254)
  email!: string;

  @IsString({ message: 'Enter your password.' })
  @MaxLength(256)
  password!: string;

  /** Second factor, required once the person turned it on: a TOTP code or a recovery code. */
  @IsOptional()
  @Matches(/^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})$/i, {
    message: 'The code has six digits (or is a recovery code like abcd-efgh-jkmn).',
  })
  totp?: string;
}
