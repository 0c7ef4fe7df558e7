import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CreateApiTokenDto {
  @IsString()
  @Length(1, 100, { message: 'Name the token (up to 100 characters), e.g. "deploy script".' })
  name!: string;

  /** Omitted: the token never expires. */
  @IsOptional()
  @IsInt({ message: 'The lifetime is a whole number of days.' })
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
