import type { EntityManager } from 'typeorm';

import { AccountErasure } from './account-erasure';

describe('AccountErasure', () => {
  const em = {} as EntityManager;

  it('runs every registered hook for the account, in registration order', async () => {
    const sut = new AccountErasure();
    const calls: string[] = [];
    sut.register('social', async (_em, userId) => void calls.push(`social:${userId}`));
    sut.register('spaces', async (_em, userId) => void calls.push(`spaces:${userId}`));
    await sut.run(em, 'u1');
    expect(calls).toEqual(['social:u1', 'spaces:u1']);
  });

  it('keeps one hook per name, so a module registering twice does not erase twice', async () => {
    const sut = new AccountErasure();
    let runs = 0;
    sut.register('social', async () => void (runs += 1));
    sut.register('social', async () => void (runs += 1));
    await sut.run(em, 'u1');
    expect(runs).toBe(1);
    expect(sut.names).toEqual(['social']);
  });

  it('stops the deletion when a hook fails, so nothing is half erased', async () => {
    const sut = new AccountErasure();
    sut.register('broken', () => Promise.reject(new Error('boom')));
    await expect(sut.run(em, 'u1')).rejects.toThrow('boom');
  });
});
