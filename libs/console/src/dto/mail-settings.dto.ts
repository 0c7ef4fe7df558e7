import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class MailSettingsDto {
  @Matches(/^(?=.{1,253}$)[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i, {
    message: 'The SMTP host is a host name such as smtp.example.org.',
  })
  host!: string;

  @IsInt({ message: 'The port is a whole number, usually 587 or 465.' })
  @Min(1)
  @Max(65535)
  port!: number;

  @IsOptional()
  @IsBoolean()
  secure?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  username?: string | null;

  /** Omitted: keep the stored password. `null`: remove it. */
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Length(1, 500)
  password?: string | null;

  @IsString()
  @Length(1, 200, { message: 'The sender name is required (up to 200 characters).' })
  senderName!: string;

  @IsEmail({}, { message: 'The sender address is an email address, like participa@example.org.' })
  senderAddress!: string;
}
