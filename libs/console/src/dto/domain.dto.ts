import { IsString, MaxLength } from 'class-validator';

export class AddDomainDto {
  @IsString({ message: 'Enter a domain name such as participa.example.org.' })
  @MaxLength(253)
  domain!: string;
}
