import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';

import { translate } from '@plaza/core';
import { OrganizationEntity, PlanPolicy, TenantContext, TenantDb } from '@plaza/tenancy';
import {
  AdminNotices,
  CurrentUsers,
  NavItem,
  Sessions,
  SiteContext,
  SiteNavigation,
  stateOf,
} from '@plaza/web';

import { AppearanceEntity, SOCIAL_NETWORKS, SocialNetwork } from './appearance/appearance.entity';
import { ImageUrls } from './appearance/image-urls';
import { buildThemeCss } from './appearance/theme-css';
import { StaticPageEntity } from './pages/static-page.entity';

const SOCIAL_LABELS: Record<SocialNetwork, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
};

const SOCIAL_BASES: Record<SocialNetwork, string> = {
  mastodon: 'https://mastodon.social/',
  bluesky: 'https://bsky.app/profile/',
  facebook: 'https://www.facebook.com/',
  instagram: 'https://www.instagram.com/',
  youtube: 'https://www.youtube.com/',
  linkedin: 'https://www.linkedin.com/company/',
};

/** A stored handle as a link: full addresses as they are, handles on the network's site. */
export function socialHref(network: SocialNetwork, handle: string): string {
  if (/^https?:\/\//.test(handle)) return handle;
  const bare = handle.replace(/^@/, '');
  if (network === 'mastodon' && bare.includes('@')) {
    const [user, server] = bare.split('@');
    return `https://${server}/@${user}`;
  }
  if (network === 'youtube') return `${SOCIAL_BASES.youtube}@${bare}`;
  return `${SOCIAL_BASES[network]}${bare}`;
}

export interface SiteData {
  site: SiteContext;
  appearance: AppearanceEntity;
  organization: OrganizationEntity | null;
  heroImageUrl: string | null;
}

/** Builds what the shared layout shows for the current tenant request, in one unit of work. */
@Injectable()
export class SiteContextService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly images: ImageUrls,
    private readonly notices: AdminNotices,
    private readonly navigation: SiteNavigation,
    private readonly plan: PlanPolicy,
  ) {}

  async build(request: FastifyRequest): Promise<SiteContext> {
    return (await this.load(request)).site;
  }

  /**
   * The layout's data plus the organization and appearance, for pages that show more of them.
   * Inside a transaction (`em`), say whether the plan allows custom CSS (asked before opening
   * it): the platform is never queried while a tenant connection is held.
   */
  async load(
    request: FastifyRequest,
    em?: EntityManager,
    plan: { customCssAllowed?: boolean } = {},
  ): Promise<SiteData> {
    const tenant = TenantContext.current();
    const state = stateOf(request);
    const locale = state?.locale ?? tenant.defaultLocale;
    const read = async (m: EntityManager) => {
      // One connection runs one query at a time: sequential on purpose.
      const organization = await m.findOneBy(OrganizationEntity, { id: 1 });
      const pages = await m.find(StaticPageEntity, {
        order: { weight: 'ASC', slug: 'ASC' },
        select: ['slug', 'title'],
      });
      const stored = await m.findOneBy(AppearanceEntity, { id: 1 });
      const appearance = stored ?? m.create(AppearanceEntity, { id: 1, social: {} });
      const images = await this.images.of(m, [
        appearance.logo,
        appearance.favicon,
        appearance.footerLogo,
        appearance.heroImage,
      ]);
      return { organization, pages, appearance, images };
    };
    const { organization, pages, appearance, images } = em
      ? await read(em)
      : await this.tenantDb.run(read);
    const session = await this.sessions.current(request);
    const user = await this.users.of(request);
    const socialLinks: NavItem[] = SOCIAL_NETWORKS.filter((n) => appearance.social?.[n]).map(
      (n) => ({ href: socialHref(n, appearance.social[n] as string), label: SOCIAL_LABELS[n] }),
    );
    const imageUrl = (id: string | null) => (id ? (images.get(id)?.url ?? null) : null);
    const isAdmin = !!user?.roles.includes('admin');
    const path = request.url.split('?')[0];
    const onAdminPage = path === '/admin' || path.startsWith('/admin/');
    const site: SiteContext = {
      locale,
      locales: tenant.locales,
      organizationName: translate(organization?.name, locale, tenant.defaultLocale) || tenant.name,
      nonce: state?.nonce ?? '',
      path: request.url,
      csrfToken: session?.csrfToken ?? null,
      registrationOpen: (organization?.registrationMode ?? 'open') === 'open',
      user: user ? { name: user.name, isAdmin, avatarUrl: user.avatarUrl } : null,
      nav: this.navigation.itemsFor(locale, !!user),
      footerLinks: pages.map((p) => ({
        href: `/pages/${p.slug}`,
        label: translate(p.title, locale, tenant.defaultLocale),
      })),
      themeCss: buildThemeCss({
        primaryColor: appearance.primaryColor,
        secondaryColor: appearance.secondaryColor,
        tertiaryColor: appearance.tertiaryColor,
        font: appearance.font,
        // The plan decides; the CSS stays saved while the plan lacks the feature.
        customCss:
          appearance.customCss &&
          (plan.customCssAllowed ?? (!em && (await this.plan.hasFeature(tenant.id, 'customCss'))))
            ? appearance.customCss
            : '',
      }),
      logoUrl: imageUrl(appearance.logo),
      faviconUrl: imageUrl(appearance.favicon),
      footerLogoUrl: imageUrl(appearance.footerLogo),
      officialUrl: appearance.officialUrl,
      socialLinks,
      adminNotices: isAdmin && onAdminPage ? await this.notices.for(tenant.id, locale) : undefined,
      description: translate(organization?.description, locale, tenant.defaultLocale) || undefined,
      archived: tenant.status === 'archived',
    };
    const hero = appearance.heroImage ? images.get(appearance.heroImage) : undefined;
    return { site, appearance, organization, heroImageUrl: hero?.large ?? null };
  }
}
