import { ApiProperty } from '@nestjs/swagger';

import { profileT } from './profile.messages';
import type { UserEntity } from './user.entity';

/** What a contribution's author relation carries; a missing relation reads as a deleted account. */
export type AuthorAccount = Pick<
  UserEntity,
  'name' | 'nickname' | 'deletedAt' | 'blockedAt' | 'confirmedAt'
>;

/**
 * A contribution's author as pages and the public API show it. A deleted
 * account keeps its contributions but nothing that names it: name, nickname
 * and profile are null, and pages write "Deleted participant" instead.
 */
export interface PublicAuthor {
  deleted: boolean;
  name: string | null;
  nickname: string | null;
  /** `/profiles/<nickname>` when the person has a public profile (not blocked, deleted or unconfirmed). */
  profilePath: string | null;
}

export function publicAuthor(user: AuthorAccount | null | undefined): PublicAuthor {
  if (!user || user.deletedAt)
    return { deleted: true, name: null, nickname: null, profilePath: null };
  const listed = !user.blockedAt && !!user.confirmedAt;
  return {
    deleted: false,
    name: user.name.trim() || user.nickname,
    nickname: user.nickname,
    profilePath: listed ? `/profiles/${encodeURIComponent(user.nickname)}` : null,
  };
}

/** The one rule for naming an author: their name, or "Deleted participant" in the page's language. */
export function authorLabel(author: PublicAuthor, locale: string): string {
  return author.deleted || !author.name ? profileT(locale, 'profile.deleted') : author.name;
}

/** `authorLabel` straight from the account (exports, admin pages). */
export function authorDisplayName(user: AuthorAccount | null | undefined, locale: string): string {
  return authorLabel(publicAuthor(user), locale);
}

/** The author's name, linked to their public profile when they have one. */
export function AuthorName({ author, locale }: { author: PublicAuthor; locale: string }) {
  const label = authorLabel(author, locale);
  return author.profilePath ? <a href={author.profilePath}>{label}</a> : <>{label}</>;
}

/** `PublicAuthor` in the OpenAPI document. */
export class PublicAuthorDto implements PublicAuthor {
  @ApiProperty({ description: 'True once the account is deleted: its contributions stay, unnamed' })
  deleted!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the account is deleted' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the account is deleted' })
  nickname!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Path of the public profile; null when the person has none (deleted, blocked)',
  })
  profilePath!: string | null;
}
