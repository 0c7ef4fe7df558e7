import { openWithoutSignIn } from './force-sign-in.guard';

describe('openWithoutSignIn', () => {
  it.each([
    ['/users/sign_in', true],
    ['/users/password/edit', true],
    ['/pages/terms', true],
    ['/locale/fr', true],
    ['/healthz', true],
    ['/', false],
    ['/admin/people', false],
    ['/pages/about', false],
    ['/usersx', false],
  ])('%s → %s', (path, open) => {
    expect(openWithoutSignIn(path)).toBe(open);
  });
});
