import { negotiateLocale, translate } from './i18n';

describe('translate', () => {
  it('falls back to the default locale, then to any value', () => {
    expect(translate({ fr: 'Bonjour', en: 'Hello' }, 'en', 'fr')).toBe('Hello');
    expect(translate({ fr: 'Bonjour' }, 'ca', 'fr')).toBe('Bonjour');
    expect(translate({ es: 'Hola' }, 'ca', 'fr')).toBe('Hola');
    expect(translate(null, 'en', 'fr')).toBe('');
  });
});

describe('negotiateLocale', () => {
  it('picks the best allowed language by quality', () => {
    expect(negotiateLocale('ca-ES,es;q=0.8,en;q=0.5', ['en', 'es'], 'en')).toBe('es');
    expect(negotiateLocale('de', ['fr', 'en'], 'fr')).toBe('fr');
    expect(negotiateLocale(undefined, ['fr'], 'fr')).toBe('fr');
  });
});
