import { Injectable } from '@nestjs/common';

import type { NavItem } from './site-layout';

export interface SiteNavEntry {
  href: string;
  /** Lower comes first; "Home" is always first. */
  order: number;
  label: (locale: string) => string;
  /** Shown only to signed-in people (notifications, for example). */
  signedInOnly?: boolean;
}

/**
 * The tenant site's main navigation: each feature adds its entries when its
 * module starts, so every page's header shows the same links.
 */
@Injectable()
export class SiteNavigation {
  private readonly entries: SiteNavEntry[] = [];

  add(entry: SiteNavEntry): void {
    if (this.entries.some((e) => e.href === entry.href)) return;
    this.entries.push(entry);
    this.entries.sort((a, b) => a.order - b.order);
  }

  itemsFor(locale: string, signedIn: boolean): NavItem[] {
    return this.entries
      .filter((e) => signedIn || !e.signedInOnly)
      .map((e) => ({ href: e.href, label: e.label(locale) }));
  }
}
