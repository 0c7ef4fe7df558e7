import { HttpException, HttpStatus } from '@nestjs/common';

import type { SocialKey } from './social.messages';

const MESSAGES = {
  'error.commentLength': 'The comment is empty or too long.',
  'error.commentsClosed': 'Comments are closed here.',
  'error.verificationRequired':
    'You need a verified account to comment here. Verify it at /account/verifications.',
  'error.depth': 'You cannot reply at this depth.',
  'error.signIn': 'You need to sign in to do this.',
  'error.alreadyReported': 'You have already reported this.',
} as const;

type Code = keyof typeof MESSAGES & SocialKey;

const STATUS: Record<Code, HttpStatus> = {
  'error.commentLength': HttpStatus.BAD_REQUEST,
  'error.commentsClosed': HttpStatus.FORBIDDEN,
  'error.verificationRequired': HttpStatus.FORBIDDEN,
  'error.depth': HttpStatus.BAD_REQUEST,
  'error.signIn': HttpStatus.UNAUTHORIZED,
  'error.alreadyReported': HttpStatus.CONFLICT,
};

/** A refused social action; `code` is the message key pages translate. */
export class SocialRefusal extends HttpException {
  constructor(
    readonly code: Code,
    /** The maximum length, for `error.commentLength`. */
    readonly max?: number,
  ) {
    super(
      code === 'error.commentLength' && max
        ? `Write a comment of 1 to ${max} characters.`
        : MESSAGES[code],
      STATUS[code],
    );
  }
}
