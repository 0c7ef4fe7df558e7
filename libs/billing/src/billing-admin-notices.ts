import { Injectable } from '@nestjs/common';

import { AdminNotices, AdminSections } from '@plaza/web';

import { billingT } from './billing.messages';
import { DunningService } from './dunning.service';

/** Billing's part of the tenant admin: its section, and the failed-payment banner on every page. */
@Injectable()
export class BillingAdminNotices {
  constructor(notices: AdminNotices, sections: AdminSections, dunning: DunningService) {
    sections.add({
      href: '/admin/billing',
      order: 80,
      label: (locale) => billingT(locale, 'title'),
    });
    notices.add(async (tenantId, locale) => {
      const banner = await dunning.bannerFor(tenantId);
      if (!banner) return [];
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        banner.graceEndsAt,
      );
      return [
        {
          level: 'warning',
          text: banner.suspended
            ? billingT(locale, 'banner.suspended')
            : billingT(locale, 'banner.grace', { date }),
          link: { href: '/admin/billing', label: billingT(locale, 'banner.link') },
        },
      ];
    });
  }
}
