import { Injectable } from '@nestjs/common';

import type { NavItem } from './site-layout';

/** A message every admin page of a tenant shows at its top (a failed payment, ...). */
export interface AdminNotice {
  /** `warning` is announced as an alert; `info` as a status. */
  level: 'info' | 'warning';
  text: string;
  link?: NavItem;
}

/** What a feature has to say to a tenant's admins, in their language; [] for nothing. */
export type AdminNoticeSource = (tenantId: string, locale: string) => Promise<AdminNotice[]>;

/**
 * Notices features contribute to every admin page, so the layout knows none
 * of them: a feature adds its source when its module starts.
 */
@Injectable()
export class AdminNotices {
  private readonly sources: AdminNoticeSource[] = [];

  add(source: AdminNoticeSource): void {
    this.sources.push(source);
  }

  async for(tenantId: string, locale: string): Promise<AdminNotice[]> {
    const lists = await Promise.all(this.sources.map((source) => source(tenantId, locale)));
    return lists.flat();
  }
}

/** The notices of a page, first in its main content. */
export function AdminNoticeList({ notices }: { notices: readonly AdminNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <div class="admin-notices">
      {notices.map((notice, i) => (
        <p
          key={i}
          class={`admin-notice admin-notice-${notice.level}`}
          role={notice.level === 'warning' ? 'alert' : 'status'}
        >
          {notice.text}
          {notice.link && (
            <>
              {' '}
              <a href={notice.link.href}>{notice.link.label}</a>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
