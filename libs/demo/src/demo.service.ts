import { Inject, Injectable } from '@nestjs/common';

import { ConsoleUsersService } from '@plaza/console';
import { hashPassword, PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { seedDemoParticipation } from '@plaza/proposals';
import {
  PlatformDb,
  ProvisioningService,
  TenantDb,
  TenantRegistry,
  toTenantRef,
} from '@plaza/tenancy';

/** Shown in the README and printed by `npm run demo`: demo data only, never for real sites. */
export const DEMO_PASSWORD = 'plaza-demo-2026';

export const DEMO_TENANTS = [
  {
    slug: 'lille',
    name: 'Métropole de Lille',
    locales: ['fr', 'en'],
    adminEmail: 'admin@lille.example',
    adminName: 'Camille Admin',
  },
  {
    slug: 'coop',
    name: 'Coop Plaza',
    locales: ['en', 'es', 'ca'],
    adminEmail: 'admin@coop.example',
    adminName: 'Alex Admin',
  },
];

export const DEMO_CONSOLE_EMAIL = 'operator@plaza.example';

export interface DemoLogin {
  name: string;
  url: string;
  email: string;
  password: string;
}

/** Creates (or completes) the demo organizations and logins; idempotent. */
@Injectable()
export class DemoService {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly registry: TenantRegistry,
    private readonly provisioning: ProvisioningService,
    private readonly tenantDb: TenantDb,
    private readonly platformDb: PlatformDb,
    private readonly consoleUsers: ConsoleUsersService,
  ) {}

  async seed(): Promise<DemoLogin[]> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const logins: DemoLogin[] = [];
    for (const demo of DEMO_TENANTS) {
      let row = await this.registry.findBySlug(demo.slug);
      if (!row || row.status === 'deleted')
        row = await this.registry.create({ ...demo, defaultLocale: demo.locales[0] });
      const ref = await this.provisioning.provision(row.id, { template: 'demo' });
      // Demo admins get a known password so the demo can be explored at once.
      await this.tenantDb.runFor(toTenantRef({ ...row, status: ref.status }), async (em) => {
        await em.query(
          'update users set password_hash = $1, confirmed_at = coalesce(confirmed_at, now()) where email = $2',
          [passwordHash, demo.adminEmail],
        );
        await seedDemoParticipation(em);
      });
      logins.push({
        name: demo.name,
        url: publicUrl(this.config, `${demo.slug}.${this.config.baseDomain}`),
        email: demo.adminEmail,
        password: DEMO_PASSWORD,
      });
    }
    const existing = await this.platformDb.query(
      'select 1 from platform.console_users where email = $1',
      [DEMO_CONSOLE_EMAIL],
    );
    if (existing.length === 0) {
      await this.consoleUsers.create({
        email: DEMO_CONSOLE_EMAIL,
        password: DEMO_PASSWORD,
        name: 'Demo operator',
      });
    }
    logins.push({
      name: 'Provider console',
      url: publicUrl(this.config, this.config.consoleHost),
      email: DEMO_CONSOLE_EMAIL,
      password: DEMO_PASSWORD,
    });
    return logins;
  }
}
