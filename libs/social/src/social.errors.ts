import { HttpException, HttpStatus } from '@nestjs/common';

import type { LocalizedMessage } from '@plaza/web';

import { SocialKey, socialT } from './social.messages';

const MESSAGES = {
  'error.commentLength': 'The comment is empty or too long.',
  'error.commentsClosed': 'Comments are closed here.',
  'error.verificationRequired':
    'You need a verified account to comment here. Verify it at /account/verifications.',
  'error.depth': 'You cannot reply at this depth.',
  'error.signIn': 'You need to sign in to do this.',
  'error.alreadyReported': 'You have already reported this.',
  'error.moderatorsOnly': 'Only moderators of this space can do this.',
} as const;

type Code = keyof typeof MESSAGES & SocialKey;

const STATUS: Record<Code, HttpStatus> = {
  'error.commentLength': HttpStatus.BAD_REQUEST,
  'error.commentsClosed': HttpStatus.FORBIDDEN,
  'error.verificationRequired': HttpStatus.FORBIDDEN,
  'error.depth': HttpStatus.BAD_REQUEST,
  'error.signIn': HttpStatus.UNAUTHORIZED,
  'error.alreadyReported': HttpStatus.CONFLICT,
  'error.moderatorsOnly': HttpStatus.FORBIDDEN,
};

/** A refused social action; `code` is the message key pages translate. */
export class SocialRefusal extends HttpException implements LocalizedMessage {
  constructor(
    readonly code: Code,
    /** Placeholders of the message, e.g. `max` for `error.commentLength`. */
    readonly params: Record<string, string> = {},
  ) {
    super(
      code === 'error.commentLength' && params.max
        ? `Write a comment of 1 to ${params.max} characters.`
        : MESSAGES[code],
      STATUS[code],
    );
  }

  messageIn(locale: string): string {
    return socialT(locale, this.code, this.params);
  }
}
