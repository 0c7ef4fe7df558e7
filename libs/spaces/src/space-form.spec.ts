import { readPhaseForm, readSpaceForm } from './space-form';

describe('readSpaceForm', () => {
  const valid = { slug: 'budget-2027', title_en: 'Budget 2027', title_fr: 'Budget 2027' };

  it('reads a valid process, translated per locale, ignoring locales the site lacks', () => {
    const sut = readSpaceForm(
      {
        ...valid,
        title_es: 'ignored',
        meta_target: 'x',
        meta_target_en: 'Everyone',
        published: 'on',
      },
      'process',
      ['en', 'fr'],
    );
    expect(sut.errors).toEqual({});
    expect(sut.input.title).toEqual({ en: 'Budget 2027', fr: 'Budget 2027' });
    expect(sut.input.metadata).toEqual({ target: { en: 'Everyone' } });
    expect(sut.input.published).toBe(true);
    expect(sut.input.visibility).toBe('public');
  });

  it('refuses a bad slug, a missing title, bad dates and an end before the start', () => {
    const sut = readSpaceForm(
      { slug: 'Not A Slug', startDate: '2027-02-01', endDate: '2027-01-01' },
      'process',
      ['en'],
    );
    expect(sut.errors).toEqual({
      slug: 'error.slug',
      title_en: 'error.titleRequired',
      endDate: 'error.endBeforeStart',
    });
    expect(readSpaceForm({ ...valid, startDate: '2027-13-45' }, 'process', ['en']).errors).toEqual({
      startDate: 'error.date',
    });
  });

  it('reads assembly fields and refuses unknown choices', () => {
    const ok = readSpaceForm(
      { ...valid, assemblyType: 'commission', visibility: 'transparent', purpose_en: 'Why' },
      'assembly',
      ['en'],
    );
    expect(ok.errors).toEqual({});
    expect(ok.input).toMatchObject({
      assemblyType: 'commission',
      visibility: 'transparent',
      purpose: { en: 'Why' },
    });
    const bad = readSpaceForm({ ...valid, assemblyType: 'x', visibility: 'secret' }, 'assembly', [
      'en',
    ]);
    expect(bad.errors).toEqual({ assemblyType: 'error.choice', visibility: 'error.choice' });
  });
});

describe('readPhaseForm', () => {
  it('requires a title and ordered dates', () => {
    const sut = readPhaseForm({ phase_startDate: '2027-03-01', phase_endDate: '2027-02-01' }, [
      'fr',
    ]);
    expect(sut.errors).toEqual({
      phase_title_fr: 'error.titleRequired',
      phase_endDate: 'error.endBeforeStart',
    });
  });
});
