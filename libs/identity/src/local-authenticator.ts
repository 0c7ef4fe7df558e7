import { Injectable } from '@nestjs/common';

import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';

import { AccountsService } from './accounts.service';
import { UserEntity } from './user.entity';

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Email + password through passport's local strategy. A private Passport
 * instance (no global state, no passport session: Plaza's own sessions in
 * Redis hold who is signed in).
 */
@Injectable()
export class LocalAuthenticator {
  private readonly passport = new Passport();

  constructor(accounts: AccountsService) {
    this.passport.use(
      'local',
      new LocalStrategy(
        { usernameField: 'email', passwordField: 'password', session: false },
        (email, password, done) => {
          accounts.authenticate(email, password).then((user) => done(null, user ?? false), done);
        },
      ),
    );
  }

  /** The account, or null for any failure (the caller shows one message for all). */
  authenticate(credentials: Credentials): Promise<UserEntity | null> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        'local',
        { session: false },
        (error: unknown, user: UserEntity | false) =>
          error ? reject(error) : resolve(user || null),
      ) as (req: object, res: object, next: (error?: unknown) => void) => void;
      // The strategy reads only `body` (and `query` as a fallback).
      middleware({ body: { ...credentials }, query: {} }, {}, reject);
    });
  }
}
