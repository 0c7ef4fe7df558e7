import { randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';

import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

import { QueryFailedError } from 'typeorm';

import { FieldsException, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import {
  normalizeHost,
  PlatformDb,
  TenantDomainEntity,
  TenantEntity,
  TenantEvents,
} from '@plaza/tenancy';

import { AuditLog } from './audit.service';
import type { Actor } from './console-tenants.service';
import { PlansService } from './plans.service';

export const VERIFY_PREFIX = '_plaza-verify.';

export interface DomainView {
  domain: string;
  primary: boolean;
  verified: boolean;
  verifiedAt: string | null;
  /** The DNS record that proves the tenant controls the domain. */
  verification: { type: 'TXT'; name: string; value: string };
}

const HOSTNAME = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Custom domains: added, proven by a DNS TXT record, one of them primary. */
@Injectable()
export class DomainsService {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly platformDb: PlatformDb,
    private readonly events: TenantEvents,
    private readonly plans: PlansService,
    private readonly audit: AuditLog,
  ) {}

  async list(tenantId: string): Promise<DomainView[]> {
    const rows = await this.platformDb.manager.find(TenantDomainEntity, {
      where: { tenantId },
      order: { isPrimary: 'DESC', domain: 'ASC' },
    });
    return rows.map(view);
  }

  async add(actor: Actor, tenantId: string, rawDomain: string): Promise<DomainView> {
    await this.liveTenant(tenantId);
    const domain = normalizeHost(rawDomain);
    const base = normalizeHost(this.config.baseDomain);
    if (!HOSTNAME.test(domain)) {
      throw new FieldsException('The domain cannot be added.', {
        domain: ['Enter a domain name such as participa.example.org (no scheme, no path).'],
      });
    }
    if (
      domain === base ||
      domain.endsWith(`.${base}`) ||
      domain === normalizeHost(this.config.consoleHost)
    ) {
      throw new FieldsException('The domain cannot be added.', {
        domain: [
          `Domains under ${base} belong to the platform; add the organization's own domain.`,
        ],
      });
    }
    await this.plans.assertFeature(tenantId, 'customDomain');
    try {
      const row = await this.platformDb.manager.save(
        this.platformDb.manager.create(TenantDomainEntity, {
          tenantId,
          domain,
          isPrimary: false,
          verificationToken: randomBytes(24).toString('hex'),
          verifiedAt: null,
        }),
      );
      await this.audit.record(actor, { action: 'domain.add', tenantId, after: { domain } });
      return view(row);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw new ConflictException(`The domain ${domain} is already used by an organization.`);
      }
      throw error;
    }
  }

  /** Looks up `_plaza-verify.<domain>`; the domain serves the tenant once it holds the token. */
  async verify(actor: Actor, tenantId: string, domain: string): Promise<DomainView> {
    const row = await this.find(tenantId, domain);
    const name = `${VERIFY_PREFIX}${row.domain}`;
    const records = await this.lookupTxt(name);
    if (!records.includes(row.verificationToken)) {
      throw new UnprocessableEntityException(
        `No TXT record at ${name} holds the verification token yet. Add it at the domain's DNS provider, wait for it to propagate, then verify again.`,
      );
    }
    if (!row.verifiedAt) {
      row.verifiedAt = new Date();
      await this.platformDb.manager.update(
        TenantDomainEntity,
        { id: row.id },
        { verifiedAt: row.verifiedAt },
      );
      await this.events.publishChange(tenantId);
      await this.audit.record(actor, {
        action: 'domain.verify',
        tenantId,
        after: { domain: row.domain },
      });
    }
    return view(row);
  }

  /** The primary domain serves the site; the others (and the subdomain) redirect to it. */
  async setPrimary(actor: Actor, tenantId: string, domain: string): Promise<DomainView> {
    const row = await this.find(tenantId, domain);
    if (!row.verifiedAt) {
      throw new ConflictException('Verify the domain before making it primary.');
    }
    const before = await this.platformDb.manager.findOneBy(TenantDomainEntity, {
      tenantId,
      isPrimary: true,
    });
    await this.platformDb.transaction(async (em) => {
      await em.update(TenantDomainEntity, { tenantId }, { isPrimary: false });
      await em.update(TenantDomainEntity, { id: row.id }, { isPrimary: true });
    });
    await this.events.publishChange(tenantId);
    await this.audit.record(actor, {
      action: 'domain.primary',
      tenantId,
      before: { primary: before?.domain ?? null },
      after: { primary: row.domain },
    });
    return view({ ...row, isPrimary: true });
  }

  /** Back to the platform subdomain as the primary address. */
  async clearPrimary(actor: Actor, tenantId: string): Promise<void> {
    await this.liveTenant(tenantId);
    await this.platformDb.manager.update(TenantDomainEntity, { tenantId }, { isPrimary: false });
    await this.events.publishChange(tenantId);
    await this.audit.record(actor, {
      action: 'domain.primary',
      tenantId,
      after: { primary: null },
    });
  }

  async remove(actor: Actor, tenantId: string, domain: string): Promise<void> {
    const row = await this.find(tenantId, domain);
    await this.platformDb.manager.delete(TenantDomainEntity, { id: row.id });
    await this.events.publishChange(tenantId);
    await this.audit.record(actor, {
      action: 'domain.remove',
      tenantId,
      before: { domain: row.domain },
    });
  }

  private async lookupTxt(name: string): Promise<string[]> {
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (this.config.dnsResolvers.length) resolver.setServers(this.config.dnsResolvers);
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch {
      // NXDOMAIN, no data or an unreachable server all mean "not proven yet".
      return [];
    }
  }

  private async liveTenant(tenantId: string): Promise<TenantEntity> {
    const tenant = /^[a-z0-9]{1,16}$/.test(tenantId)
      ? await this.platformDb.manager.findOneBy(TenantEntity, { id: tenantId })
      : null;
    if (!tenant || tenant.status === 'deleted') {
      throw new NotFoundException('There is no organization with this id.');
    }
    return tenant;
  }

  private async find(tenantId: string, domain: string): Promise<TenantDomainEntity> {
    await this.liveTenant(tenantId);
    const row = await this.platformDb.manager.findOneBy(TenantDomainEntity, {
      tenantId,
      domain: normalizeHost(domain),
    });
    if (!row) throw new NotFoundException('This organization has no such domain.');
    return row;
  }
}

function view(row: TenantDomainEntity): DomainView {
  return {
    domain: row.domain,
    primary: row.isPrimary,
    verified: !!row.verifiedAt,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verification: {
      type: 'TXT',
      name: `${VERIFY_PREFIX}${row.domain}`,
      value: row.verificationToken,
    },
  };
}
