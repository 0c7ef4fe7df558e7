import { AuthorAccount, authorDisplayName, authorLabel, publicAuthor } from './public-author';

function account(over: Partial<AuthorAccount> = {}): AuthorAccount {
  return {
    name: 'Ada Lovelace',
    nickname: 'ada',
    deletedAt: null,
    blockedAt: null,
    confirmedAt: new Date('2027-01-01T00:00:00Z'),
    ...over,
  };
}

describe('publicAuthor', () => {
  it('names a live author and links their public profile', () => {
    expect(publicAuthor(account())).toEqual({
      deleted: false,
      name: 'Ada Lovelace',
      nickname: 'ada',
      profilePath: '/profiles/ada',
    });
  });

  it('names nobody once the account is deleted, nor when the author relation is missing', () => {
    const deleted = { deleted: true, name: null, nickname: null, profilePath: null };
    expect(
      publicAuthor(account({ deletedAt: new Date(), name: '', nickname: 'deleted_x' })),
    ).toEqual(deleted);
    expect(publicAuthor(null)).toEqual(deleted);
  });

  it('keeps the name but gives no profile link for blocked or unconfirmed accounts, which have no profile', () => {
    expect(publicAuthor(account({ blockedAt: new Date() })).profilePath).toBeNull();
    expect(publicAuthor(account({ confirmedAt: null })).profilePath).toBeNull();
    expect(publicAuthor(account({ blockedAt: new Date() })).name).toBe('Ada Lovelace');
  });

  it('falls back to the nickname when the name is blank', () => {
    expect(publicAuthor(account({ name: '  ' })).name).toBe('ada');
  });
});

describe('authorLabel', () => {
  it('writes "Deleted participant" in the page language', () => {
    const sut = (locale: string) => authorDisplayName(account({ deletedAt: new Date() }), locale);
    expect(['en', 'fr', 'es', 'ca'].map(sut)).toEqual([
      'Deleted participant',
      'Participant supprimé',
      'Participante eliminado',
      'Participant eliminat',
    ]);
  });

  it("writes a live author's name as it is", () => {
    expect(authorLabel(publicAuthor(account()), 'fr')).toBe('Ada Lovelace');
  });
});
