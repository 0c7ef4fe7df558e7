import { IsOptional, IsString, MaxLength } from 'class-validator';

/*
 * Form bodies are only shape-checked here (strings of bounded length, no
 * unknown fields); the pages check the content themselves so that errors are
 * shown next to each field in the visitor's language.
 */

export class SignInDto {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
  @IsOptional() @IsString() @MaxLength(2000) back?: string;
}

export class SignUpDto {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
  @IsOptional() @IsString() @MaxLength(400) name?: string;
  @IsOptional() @IsString() @MaxLength(100) nickname?: string;
  @IsOptional() @IsString() @MaxLength(10) tos?: string;
  @IsOptional() @IsString() @MaxLength(10) newsletter?: string;
}

export class AcceptTermsDto {
  @IsOptional() @IsString() @MaxLength(10) accept?: string;
  @IsOptional() @IsString() @MaxLength(2000) back?: string;
}

export class ForgotPasswordDto {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
}

export class NewPasswordDto {
  @IsOptional() @IsString() @MaxLength(100) token?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
}

export class AcceptInvitationDto {
  @IsOptional() @IsString() @MaxLength(100) token?: string;
  @IsOptional() @IsString() @MaxLength(400) name?: string;
  @IsOptional() @IsString() @MaxLength(100) nickname?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
  @IsOptional() @IsString() @MaxLength(10) tos?: string;
}

export class DeleteAccountDto {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @IsOptional() @IsString() @MaxLength(10) confirm?: string;
}

export class TwoFactorDto {
  @IsOptional() @IsString() @MaxLength(20) code?: string;
}

export class ChangeEmailDto {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
}

export class NewsletterDto {
  @IsOptional() @IsString() @MaxLength(10) newsletter?: string;
}
