import type { TenantSeeder } from './provisioning.service';

/** The organization row: its name in every available locale until the admin translates it. */
export const seedOrganization: TenantSeeder = async (em, { tenant }) => {
  const name = Object.fromEntries(tenant.locales.map((l) => [l, tenant.name]));
  await em.query(
    `insert into organization (id, name, description) values (1, $1::jsonb, '{}'::jsonb) on conflict (id) do nothing`,
    [JSON.stringify(name)],
  );
};
