import type { TenantSeeder } from '@plaza/tenancy';

const TERMS_TITLE: Record<string, string> = {
  en: 'Terms of service',
  fr: "Conditions d'utilisation",
  es: 'Condiciones de uso',
  ca: "Condicions d'ús",
};
const TERMS_BODY: Record<string, string> = {
  en: 'These terms describe how this participation site may be used. The organization will publish its own text here.',
  fr: "Ces conditions décrivent l'usage de ce site de participation. L'organisation publiera ici son propre texte.",
  es: 'Estas condiciones describen el uso de este sitio de participación. La organización publicará aquí su propio texto.',
  ca: "Aquestes condicions descriuen l'ús d'aquest lloc de participació. L'organització hi publicarà el seu propi text.",
};

/** The undeletable terms-of-service page every site starts with. */
export const seedDefaultPages: TenantSeeder = async (em, { tenant }) => {
  const pick = (texts: Record<string, string>) =>
    Object.fromEntries(tenant.locales.map((l) => [l, texts[l] ?? texts.en]));
  await em.query(
    `insert into static_pages (slug, title, content, is_terms, weight) values ('terms', $1::jsonb, $2::jsonb, true, 0)
     on conflict (slug) do nothing`,
    [JSON.stringify(pick(TERMS_TITLE)), JSON.stringify(pick(TERMS_BODY))],
  );
};
