import type { TenantSeeder } from '@plaza/tenancy';

/** A nickname from an email's local part: lowercase letters, digits and underscores. */
export function nicknameFrom(email: string): string {
  const base = email
    .split('@')[0]
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  return base || 'admin';
}

/**
 * The first admin, invited (no password yet). The invitation email and the
 * page that sets the password belong to the accounts work.
 */
export const seedFirstAdmin: TenantSeeder = async (em, { adminEmail, adminName }) => {
  if (!adminEmail) return;
  const email = adminEmail.toLowerCase();
  await em.query(
    `insert into users (email, nickname, name, roles, invited_at)
     values ($1, $2, $3, '{admin}', now())
     on conflict (email) do update set roles = (
       select array(select distinct unnest(users.roles || '{admin}'::varchar[])))`,
    [email, nicknameFrom(email), adminName || email.split('@')[0]],
  );
};
