import { organizationProblems } from './organization-settings.service';

describe('organizationProblems', () => {
  const profile = (name: Record<string, string>, description: Record<string, string> = {}) => ({
    name,
    description,
  });

  it('accepts a name in the default language and leaves other languages optional', () => {
    expect(organizationProblems(profile({ fr: 'Ville de Lille' }), 'fr')).toEqual({});
  });

  it('wants the name in the default language, even when others are given', () => {
    expect(organizationProblems(profile({ en: 'City of Lille' }), 'fr')).toEqual({
      'name.fr': 'nameRequired',
    });
    expect(organizationProblems(profile({ fr: '   ' }), 'fr')).toEqual({
      'name.fr': 'nameRequired',
    });
  });

  it('bounds names to 200 and descriptions to 2,000 characters, per language', () => {
    const sut = organizationProblems(
      profile({ fr: 'Lille', en: 'x'.repeat(201) }, { fr: 'y'.repeat(2000), en: 'z'.repeat(2001) }),
      'fr',
    );
    expect(sut).toEqual({ 'name.en': 'nameTooLong', 'description.en': 'descriptionTooLong' });
  });
});
