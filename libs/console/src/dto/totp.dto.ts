import { IsString, MaxLength } from 'class-validator';

export class TotpCodeDto {
  @IsString({ message: 'Enter the code from your authenticator app.' })
  @MaxLength(20)
  code!: string;
}
