import { Column, Entity, PrimaryColumn } from 'typeorm';

import { countScalar, monthOf, TenantUsageCounter } from '@plaza/tenancy';

/** How many mails the organization sent in a month (its usage figure, and what plans may price). */
@Entity({ name: 'mail_sent_counts' })
export class MailSentCountEntity {
  /** First day of the month, UTC. */
  @PrimaryColumn({ type: 'date' })
  month!: string;

  @Column({ type: 'integer', default: 0 })
  sent!: number;
}

/** Emails sent this month, as counted by the mail job after each delivery. */
export const MAIL_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'emailsThisMonth',
    name: 'mail_sent_counts',
    count: (em, { now }) =>
      countScalar(em, 'select coalesce(sum(sent), 0) as n from mail_sent_counts where month = $1', [
        monthOf(now),
      ]),
  },
];
