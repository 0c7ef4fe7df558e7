import { newTenantId, quoteIdent, roleNameFor, schemaNameFor, slugProblem } from './slug';

describe('slugProblem', () => {
  it.each(['lille', 'coop-42', 'abc', 'a'.repeat(40)])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });

  it.each([
    ['ab', /3 to 40/],
    ['a'.repeat(41), /3 to 40/],
    ['Lille', /lowercase/],
    ['-lille', /start and end/],
    ['lille-', /start and end/],
    ['li--lle', /two hyphens/],
    ['lil_le', /lowercase/],
    ['console', /reserved/],
    ['www', /reserved/],
    ['admin', /reserved/],
  ])('refuses %s with a sentence', (slug, message) => {
    expect(slugProblem(slug)).toMatch(message);
  });
});

describe('tenant names', () => {
  it('derives schema and role from the immutable id, never the slug', () => {
    const id = newTenantId();
    expect(id).toMatch(/^[a-z0-9]{8}$/);
    expect(schemaNameFor(id)).toBe(`t_${id}`);
    expect(roleNameFor('plaza', id)).toBe(`plaza_t_${id}`);
  });

  it('refuses to quote identifiers it did not generate', () => {
    expect(quoteIdent('t_abc')).toBe('"t_abc"');
    expect(() => quoteIdent('t"; drop table x; --')).toThrow();
  });
});
