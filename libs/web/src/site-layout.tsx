import type { ComponentChildren } from 'preact';

import { AdminNotice, AdminNoticeList } from './admin-notices';
import { Avatar, AVATAR_CSS } from './avatar';
import { BASE_STYLES } from './document';
import { LOCALE_NAMES } from './i18n';
import { platformMessages } from './messages';
import { siteT } from './site.messages';

export interface NavItem {
  href: string;
  label: string;
}

/** Everything the shared layout needs about the request; built by `siteContextOf`. */
export interface SiteContext {
  locale: string;
  locales: readonly string[];
  organizationName: string;
  nonce: string;
  /** Current path with query, for the language switcher's way back. */
  path: string;
  csrfToken: string | null;
  /** Hides the sign-up link when the organization registers people by invitation only or not at all. */
  registrationOpen?: boolean;
  user: { name: string; isAdmin: boolean; avatarUrl?: string | null } | null;
  /** Theme CSS (custom properties) from the organization's appearance. */
  themeCss?: string;
  nav?: NavItem[];
  footerLinks?: NavItem[];
  /** Image URLs from the organization's appearance. */
  logoUrl?: string | null;
  faviconUrl?: string | null;
  footerLogoUrl?: string | null;
  officialUrl?: string | null;
  socialLinks?: NavItem[];
  /** On admin pages only: what features tell the tenant's admins (see AdminNotices). */
  adminNotices?: AdminNotice[];
  /** The organization's description in the page's language, for search engines and previews. */
  description?: string;
  /** The provider archived the site: it is read-only, and says so on every page. */
  archived?: boolean;
}

export interface SiteLayoutProps {
  site: SiteContext;
  title: string;
  children: ComponentChildren;
}

const LAYOUT_CSS = `
.site-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:1rem 2rem;border-bottom:1px solid #ddd}
.site-header .org{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--plaza-text)}
.site-nav ul,.lang-switcher ul,.site-footer ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
.lang-switcher [aria-current]{font-weight:700;text-decoration:none;color:var(--plaza-text)}
.account{display:flex;gap:1rem;align-items:center}
.account form{margin:0}
.link-button{background:none;border:none;padding:0;font:inherit;color:var(--plaza-primary);text-decoration:underline;cursor:pointer}
.site-header .logo{max-height:3rem;width:auto;display:block}
.footer-logo{max-height:3rem;width:auto}
.site-footer{display:flex;flex-direction:column;gap:.75rem;padding:1rem 2rem;border-top:1px solid #ddd;color:var(--plaza-muted)}
.admin-notice{border:3px solid #b35c00;padding:.75rem 1rem;margin:0 0 1rem;background:#fff8f0;color:#3d2000}
.admin-notice-info{border-color:#1a5fb4;background:#f0f6ff;color:#0b2a50}
.archived-notice{margin:0;padding:.75rem 2rem;background:#fff4ce;color:#3b2f00;border-bottom:1px solid #c9a400}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
`;

/** Search engines show about 160 characters: cut at a word boundary. */
export function metaDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 160) return flat;
  const cut = flat.slice(0, 159);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : 159)}…`;
}

/** The tenant site's frame: skip link, header, navigation, language switcher, account, footer. */
export function SiteLayout({ site, title, children }: SiteLayoutProps) {
  const t = (key: Parameters<typeof siteT>[1], params?: Record<string, string>) =>
    siteT(site.locale, key, params);
  const back = encodeURIComponent(site.path);
  const nav = [{ href: '/', label: t('nav.home') }, ...(site.nav ?? [])];
  if (site.user?.isAdmin) nav.push({ href: '/admin', label: t('nav.admin') });
  return (
    <html lang={site.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {site.description && (
          <meta name="description" content={metaDescription(site.description)} />
        )}
        <title>
          {title === site.organizationName ? title : `${title} · ${site.organizationName}`}
        </title>
        {site.faviconUrl && <link rel="icon" href={site.faviconUrl} />}
        <style
          nonce={site.nonce}
          dangerouslySetInnerHTML={{
            __html: BASE_STYLES + LAYOUT_CSS + AVATAR_CSS + (site.themeCss ?? ''),
          }}
        />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip')}
        </a>
        <header class="site-header">
          <a class="org" href="/">
            {site.logoUrl ? (
              <img class="logo" src={site.logoUrl} alt={site.organizationName} />
            ) : (
              site.organizationName
            )}
          </a>
          <nav class="site-nav" aria-label={t('nav.main')}>
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={site.path === item.href ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {site.locales.length > 1 && (
            <nav class="lang-switcher" aria-label={t('lang.label')}>
              <ul>
                {site.locales.map((l) => (
                  <li key={l}>
                    {l === site.locale ? (
                      <span aria-current="true" lang={l}>
                        {LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l}
                      </span>
                    ) : (
                      <a href={`/locale/${l}?back=${back}`} lang={l} hrefLang={l}>
                        {LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="account">
            {site.user ? (
              <>
                <a href="/account" class="with-avatar">
                  <Avatar name={site.user.name} url={site.user.avatarUrl} />
                  {t('account.signedInAs', { name: site.user.name })}
                </a>
                <form method="post" action="/users/sign_out">
                  <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
                  <button type="submit" class="link-button">
                    {t('account.signOut')}
                  </button>
                </form>
              </>
            ) : site.archived ? null : (
              <>
                <a href="/users/sign_in">{t('account.signIn')}</a>
                {site.registrationOpen !== false && (
                  <a href="/users/sign_up">{t('account.signUp')}</a>
                )}
              </>
            )}
          </div>
        </header>
        {site.archived && (
          <p class="archived-notice">{platformMessages(site.locale).archivedNotice}</p>
        )}
        <main id="main" tabIndex={-1}>
          {site.adminNotices && <AdminNoticeList notices={site.adminNotices} />}
          {children}
        </main>
        <footer class="site-footer">
          {site.footerLogoUrl && (
            <img class="footer-logo" src={site.footerLogoUrl} alt={site.organizationName} />
          )}
          {site.footerLinks && site.footerLinks.length > 0 && (
            <nav aria-label={t('footer.pages')}>
              <ul>
                {site.footerLinks.map((link) => (
                  <li key={link.href}>
                    <a href={link.href}>{link.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {site.socialLinks && site.socialLinks.length > 0 && (
            <nav aria-label={t('footer.social')}>
              <ul>
                {site.socialLinks.map((link) => (
                  <li key={link.href}>
                    <a href={link.href} rel="me noopener">
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {site.officialUrl && (
            <p>
              <a href={site.officialUrl}>{t('footer.officialSite')}</a>
            </p>
          )}
          <p>{t('footer.poweredBy')}</p>
        </footer>
      </body>
    </html>
  );
}
