import type { AccountsMessageKey } from './accounts.messages';

/** Field → message key of what is wrong with it. */
export type FieldProblems = Partial<Record<string, AccountsMessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NICKNAME = /^[A-Za-z0-9_]{2,40}$/;

export function emailProblem(email: string): AccountsMessageKey | undefined {
  return email.length <= 254 && EMAIL.test(email) ? undefined : 'error.emailInvalid';
}

export function newPasswordProblem(password: string): AccountsMessageKey | undefined {
  if (password.length < 12) return 'error.passwordShort';
  if (password.length > 256) return 'error.passwordLong';
  return undefined;
}

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  nickname: string;
  tos: boolean;
}

export function signUpProblems(input: SignUpInput): FieldProblems {
  const name = input.name.trim();
  const problems: FieldProblems = {
    name: name.length === 0 || name.length > 200 ? 'error.nameRequired' : undefined,
    nickname: NICKNAME.test(input.nickname) ? undefined : 'error.nicknameInvalid',
    email: emailProblem(input.email),
    password: newPasswordProblem(input.password),
    tos: input.tos ? undefined : 'error.tosRequired',
  };
  return Object.fromEntries(Object.entries(problems).filter(([, v]) => v));
}

/** Only paths on this site: never an open redirect. */
export function sameSitePath(back: string | undefined, fallback = '/'): string {
  return back && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\')
    ? back
    : fallback;
}
