import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

import { PublicAuthorDto } from '@plaza/identity';

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ minimum: 0, maximum: 2 }) depth!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null when deleted or hidden, and once the author deleted their account',
  })
  authorName!: string | null;
  @ApiProperty({
    type: () => PublicAuthorDto,
    nullable: true,
    description:
      'Null when deleted or hidden; `deleted: true` once the author deleted their account',
  })
  author!: PublicAuthorDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when deleted or hidden' })
  body!: string | null;
  @ApiProperty({ enum: [-1, 0, 1] }) alignment!: number;
  @ApiProperty() upVotes!: number;
  @ApiProperty() downVotes!: number;
  @ApiProperty() edited!: boolean;
  @ApiProperty() deleted!: boolean;
  @ApiProperty() hidden!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => [CommentDto] }) replies!: CommentDto[];
}

export class CommentsQuery {
  @ApiProperty({ enum: ['proposal'] })
  @IsIn(['proposal'], { message: 'resource_type must be: proposal.' })
  resource_type!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'resource_id must be a UUID.' })
  resource_id!: string;
}

export class NewCommentDto extends CommentsQuery {
  @ApiProperty({
    minLength: 1,
    maxLength: 10000,
    description:
      "At most the component's comments_max_length, or the organization's when the component sets none; 400 beyond",
  })
  @IsString()
  @MinLength(1, { message: 'body must not be empty.' })
  @MaxLength(10000, { message: 'body is too long.' })
  body!: string;

  @ApiPropertyOptional({ enum: [-1, 0, 1], default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn([-1, 0, 1], { message: 'alignment must be -1, 0 or 1.' })
  alignment?: -1 | 0 | 1;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'parent_id must be a UUID.' })
  parent_id?: string;
}
