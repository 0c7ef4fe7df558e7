import { Inject, Injectable } from '@nestjs/common';

import { Logger } from 'pino';

import { PLAZA_LOGGER } from '@plaza/core';

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

  constructor(@Inject(PLAZA_LOGGER) private readonly logger: Logger) {}

  add(source: AdminNoticeSource): void {
    this.sources.push(source);
  }

  /** A failing source is logged and left out: a notice never takes an admin page down. */
  async for(tenantId: string, locale: string): Promise<AdminNotice[]> {
    const results = await Promise.allSettled(
      this.sources.map((source) => source(tenantId, locale)),
    );
    return results.flatMap((result) => {
      if (result.status === 'fulfilled') return result.value;
      this.logger.error({ err: result.reason, tenantId }, 'admin notice source failed');
      return [];
    });
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
