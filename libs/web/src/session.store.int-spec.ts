import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '@plaza/core';
import { testConfig, testLogger } from '@plaza/testing';

import { RateLimiter, TooManyAttemptsException } from './rate-limiter.service';
import { SessionStore } from './session.store';

describe('SessionStore and RateLimiter (real Redis)', () => {
  let ctx: INestApplicationContext;
  let sut: SessionStore;
  let clock = Date.UTC(2026, 0, 1);

  beforeAll(async () => {
    const config = { ...testConfig(), sessionIdleSeconds: 600, sessionAbsoluteSeconds: 3600 };
    ctx = await NestFactory.createApplicationContext(
      {
        module: class SessionsTestModule {},
        imports: [CoreModule.forRoot(config, testLogger())],
        providers: [SessionStore, RateLimiter],
      },
      { logger: false },
    );
    sut = ctx.get(SessionStore);
    sut.now = () => clock;
  });
  afterAll(() => ctx.close());

  it('loads a session only in its own namespace (tenant A vs tenant B)', async () => {
    const session = await sut.create('tenant:aaaa', 'user-1');
    expect((await sut.load('tenant:aaaa', session.id))?.userId).toBe('user-1');
    expect(await sut.load('tenant:bbbb', session.id)).toBeNull();
    expect(await sut.load('console', session.id)).toBeNull();
  });

  it('expires after the idle timeout, and after the absolute timeout even when active', async () => {
    const idle = await sut.create('tenant:aaaa', 'user-2');
    clock += 601_000;
    expect(await sut.load('tenant:aaaa', idle.id)).toBeNull();

    const busy = await sut.create('tenant:aaaa', 'user-2');
    for (let i = 0; i < 8; i++) {
      clock += 500_000;
      const loaded = await sut.load('tenant:aaaa', busy.id);
      if (i < 7) expect(loaded).not.toBeNull();
      else expect(loaded).toBeNull();
    }
  });

  it('rotates to a new id and CSRF token, killing the old id', async () => {
    const session = await sut.create('tenant:aaaa', null, { locale: 'fr' });
    const rotated = await sut.rotate(session, 'user-3');
    expect(rotated.id).not.toBe(session.id);
    expect(rotated.csrfToken).not.toBe(session.csrfToken);
    expect(rotated.values).toEqual({ locale: 'fr' });
    expect(await sut.load('tenant:aaaa', session.id)).toBeNull();
    expect((await sut.load('tenant:aaaa', rotated.id))?.userId).toBe('user-3');
  });

  it('signs a person out everywhere, optionally keeping the current session', async () => {
    const a = await sut.create('tenant:aaaa', 'user-4');
    const b = await sut.create('tenant:aaaa', 'user-4');
    const c = await sut.create('tenant:aaaa', 'user-4');
    const other = await sut.create('tenant:bbbb', 'user-4');
    expect(await sut.destroyAllForUser('tenant:aaaa', 'user-4', c.id)).toBe(2);
    expect(await sut.load('tenant:aaaa', a.id)).toBeNull();
    expect(await sut.load('tenant:aaaa', b.id)).toBeNull();
    expect(await sut.load('tenant:aaaa', c.id)).not.toBeNull();
    expect(await sut.load('tenant:bbbb', other.id)).not.toBeNull();
  });

  it('limits hits per window and locks progressively after repeated failures', async () => {
    const limiter = ctx.get(RateLimiter);
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) await limiter.hit({ key, max: 3, windowSeconds: 60 });
    await expect(limiter.hit({ key, max: 3, windowSeconds: 60 })).rejects.toBeInstanceOf(
      TooManyAttemptsException,
    );

    const account = `acct:${Math.random()}`;
    const locks: number[] = [];
    for (let i = 0; i < 4; i++) locks.push(await limiter.failure(account, 2));
    expect(locks).toEqual([0, 0, 2, 4]);
    await expect(limiter.assertNotLocked(account)).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    await limiter.reset(account);
    await expect(limiter.assertNotLocked(account)).resolves.toBeUndefined();
  });
});
