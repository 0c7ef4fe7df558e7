import { mentionsIn } from './comments.service';

describe('mentionsIn', () => {
  it('finds @nicknames, unique and lower-cased, ignoring email addresses', () => {
    const sut = mentionsIn('Thanks @Ada_L and @bob, see @ada_l again; mail me at me@example.org');
    expect(sut).toEqual(['ada_l', 'bob']);
  });
});
