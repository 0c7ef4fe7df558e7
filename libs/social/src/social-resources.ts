import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import type { CurrentUser } from '@plaza/web';

/** What the social layer needs to know about a commentable, followable or reportable resource. */
export interface ResourceInfo {
  spaceId: string;
  title: string;
  url: string;
  /** Comments enabled by the component and not blocked in the active phase. */
  commentsOpen: boolean;
  /** The person may take part in the space (signed in, member of a private space). */
  canParticipate: boolean;
  commentMaxLength: number;
  /** The verification method the person lacks to comment, if the component requires one. */
  verificationRequired?: string | null;
  /** Reports after which the resource is hidden automatically. */
  reportThreshold: number;
}

export interface ResourceKind {
  describe(em: EntityManager, id: string, user: CurrentUser | null): Promise<ResourceInfo | null>;
  /** The participant who wrote the resource (null for official content), for moderators. */
  authorOf?(em: EntityManager, id: string): Promise<string | null>;
  /** Keeps the resource's own comments counter in step. */
  commentsChanged?(em: EntityManager, id: string, delta: number): Promise<void>;
}

/**
 * Features register their resources here (proposals registers `proposal`), so the
 * social layer serves any of them without depending on the features.
 */
@Injectable()
export class SocialResources {
  private readonly kinds = new Map<string, ResourceKind>();

  register(type: string, kind: ResourceKind): void {
    this.kinds.set(type, kind);
  }

  get(type: string): ResourceKind | undefined {
    return this.kinds.get(type);
  }
}
