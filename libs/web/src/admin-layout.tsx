import { Injectable } from '@nestjs/common';

import type { ComponentChildren } from 'preact';

import { adminT } from './admin.messages';
import { FORM_CSS } from './forms';
import { NavItem, SiteContext, SiteLayout } from './site-layout';

export interface AdminSection {
  href: string;
  /** Lower comes first. */
  order: number;
  label: (locale: string) => string;
}

/** The sections of a tenant's admin; each feature adds its own when its module starts. */
@Injectable()
export class AdminSections {
  private readonly sections: AdminSection[] = [];

  add(section: AdminSection): void {
    if (this.sections.some((s) => s.href === section.href)) return;
    this.sections.push(section);
    this.sections.sort((a, b) => a.order - b.order);
  }

  navFor(locale: string): NavItem[] {
    return this.sections.map((s) => ({ href: s.href, label: s.label(locale) }));
  }
}

const ADMIN_CSS = `
.admin{display:grid;grid-template-columns:minmax(10rem,14rem) 1fr;gap:2rem}
.admin-nav ul{list-style:none;margin:0;padding:0}
.admin-nav li{margin:.25rem 0}
.admin-nav [aria-current]{font-weight:700}
@media (max-width:40rem){.admin{grid-template-columns:1fr}}
`;

/** The site frame plus the list of admin sections, for every /admin page. */
export function AdminLayout(props: {
  site: SiteContext;
  title: string;
  sections: NavItem[];
  children: ComponentChildren;
}) {
  const path = props.site.path.split('?')[0];
  const site = { ...props.site, themeCss: `${props.site.themeCss ?? ''}${FORM_CSS}${ADMIN_CSS}` };
  return (
    <SiteLayout site={site} title={props.title}>
      <div class="admin">
        <nav class="admin-nav" aria-label={adminT(site.locale, 'nav.label')}>
          <ul>
            {props.sections.map((s) => (
              <li key={s.href}>
                <a
                  href={s.href}
                  aria-current={
                    path === s.href || path.startsWith(`${s.href}/`) ? 'page' : undefined
                  }
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="admin-content">{props.children}</div>
      </div>
    </SiteLayout>
  );
}
