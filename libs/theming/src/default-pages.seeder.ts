import type { TenantSeeder } from '@plaza/tenancy';

const TERMS_TITLE: Record<string, string> = {
  en: 'Terms of service',
  fr: "Conditions d'utilisation",
  es: 'Condiciones de uso',
  ca: "Condicions d'ús",
};
const TERMS_BODY: Record<string, string> = {
  en: '<p>These terms describe how this participation site may be used. The organization will publish its own text here.</p>',
  fr: "<p>Ces conditions décrivent l'usage de ce site de participation. L'organisation publiera ici son propre texte.</p>",
  es: '<p>Estas condiciones describen el uso de este sitio de participación. La organización publicará aquí su propio texto.</p>',
  ca: "<p>Aquestes condicions descriuen l'ús d'aquest lloc de participació. L'organització hi publicarà el seu propi text.</p>",
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

/** Default look and a homepage in the usual order (blocks of unbuilt features show nothing). */
export const seedAppearance: TenantSeeder = async (em) => {
  await em.query(`insert into appearance (id) values (1) on conflict (id) do nothing`);
  await em.query(
    `insert into content_blocks (kind, position)
     select kind, position from unnest($1::varchar[]) with ordinality as b(kind, position)
     where not exists (select 1 from content_blocks)`,
    [
      [
        'hero',
        'how_to_participate',
        'highlighted_processes',
        'upcoming_meetings',
        'statistics',
        'last_activity',
        'footer_sub_hero',
      ],
    ],
  );
};
