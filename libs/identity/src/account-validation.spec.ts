import { sameSitePath, signUpProblems } from './account-validation';

describe('account form checks', () => {
  const valid = {
    email: 'ada@example.org',
    password: 'correct horse battery',
    name: 'Ada',
    nickname: 'ada_l',
    tos: true,
  };

  it('accepts a complete registration', () => {
    expect(signUpProblems(valid)).toEqual({});
  });

  it('names each faulty field', () => {
    const sut = signUpProblems({
      email: 'not-an-email',
      password: 'short',
      name: '  ',
      nickname: 'has space',
      tos: false,
    });
    expect(sut).toEqual({
      email: 'error.emailInvalid',
      password: 'error.passwordShort',
      name: 'error.nameRequired',
      nickname: 'error.nicknameInvalid',
      tos: 'error.tosRequired',
    });
  });

  it.each([
    ['/processes?x=1', '/processes?x=1'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    [undefined, '/'],
  ])('keeps only same-site paths: %s', (back, expected) => {
    expect(sameSitePath(back)).toBe(expected);
  });
});
