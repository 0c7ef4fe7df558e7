import { Injectable, OnModuleInit } from '@nestjs/common';

import type { Translated } from '@plaza/core';
import { SpaceKind, spacePath } from '@plaza/spaces';
import { BlockItem, BlockQuery, ContentBlockProviders } from '@plaza/theming';

import { stateLabel } from './proposal-paths';
import { proposalsActivityT } from './proposals-activity.messages';

interface ActivityRow {
  kind: 'proposal' | 'answer' | 'comment';
  at: Date;
  key: string;
  proposal_id: string;
  comment_id: string | null;
  title: string;
  official: boolean;
  state: string | null;
  state_title: Translated | null;
  excerpt: string | null;
  space_kind: SpaceKind;
  space_slug: string;
  component_id: string;
  author_name: string | null;
  author_deleted: boolean;
  author_blocked: boolean;
}

/**
 * One branch's page condition: its rows after the cursor ($2 time, $3 key) in
 * the activity order (time to the millisecond, then key, both descending).
 */
const after = (at: string, key: string) =>
  `(${at} < $2 or (${at} = $2 and ${key} < $3::text collate "C"))`;

const PROPOSAL_AT = `date_trunc('milliseconds', v.published_at)`;
const PROPOSAL_KEY = `('proposal:' || v.id::text) collate "C"`;
const ANSWER_AT = `date_trunc('milliseconds', v.state_published_at)`;
const ANSWER_KEY = `('answer:' || v.id::text) collate "C"`;
const COMMENT_AT = `date_trunc('milliseconds', cm.created_at)`;
const COMMENT_KEY = `('comment:' || cm.id::text) collate "C"`;

/**
 * Public proposals activity in one statement: proposals of published components
 * in published, non-private spaces, not withdrawn nor hidden by moderation; each
 * branch takes its own newest rows after the cursor before the union is cut to
 * the limit.
 */
const ACTIVITY_SQL = `
with visible as (
  select p.id, p.title, p.author_id, p.official, p.published_at, p.state,
         p.state_published_at, p.component_id, s.kind as space_kind, s.slug as space_slug
    from proposals p
    join components c on c.id = p.component_id and c.published_at is not null
    join spaces s on s.id = c.space_id and s.published_at is not null
                 and s.visibility in ('public', 'transparent')
   where p.published_at is not null and p.withdrawn_at is null
     and not exists (select 1 from moderations m where m.resource_type = 'proposal'
                        and m.resource_id = p.id and m.hidden_at is not null)
), activity as (
  (select 'proposal' as kind, ${PROPOSAL_AT} as at, ${PROPOSAL_KEY} as key, v.id as proposal_id,
          null::uuid as comment_id, v.author_id, null::text as excerpt
     from visible v where ${after(PROPOSAL_AT, PROPOSAL_KEY)}
    order by 2 desc, 3 desc limit $1)
  union all
  (select 'answer', ${ANSWER_AT}, ${ANSWER_KEY}, v.id, null::uuid, null::uuid, null::text
     from visible v where v.state is not null and ${after(ANSWER_AT, ANSWER_KEY)}
    order by 2 desc, 3 desc limit $1)
  union all
  (select 'comment', ${COMMENT_AT}, ${COMMENT_KEY}, v.id, cm.id, cm.author_id, left(cm.body, 300)
     from comments cm join visible v on cm.resource_type = 'proposal' and cm.resource_id = v.id
    where cm.deleted_at is null and ${after(COMMENT_AT, COMMENT_KEY)}
      and not exists (select 1 from moderations m where m.resource_type = 'comment'
                         and m.resource_id = cm.id and m.hidden_at is not null)
    order by 2 desc, 3 desc limit $1)
)
select a.kind, a.at, a.key, a.proposal_id, a.comment_id, a.excerpt, v.title, v.official, v.state,
       ps.title as state_title, v.space_kind, v.space_slug, v.component_id,
       u.name as author_name, (u.deleted_at is not null) as author_deleted,
       (u.blocked_at is not null) as author_blocked
  from activity a
  join visible v on v.id = a.proposal_id
  left join users u on u.id = a.author_id
  left join proposal_states ps on ps.component_id = v.component_id and ps.token = v.state
 order by a.at desc, a.key desc
 limit $1`;

const EXCERPT_LENGTH = 140;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}

/** Feeds the "last activity" block and /last-activity with proposals, answers and comments. */
@Injectable()
export class ProposalsActivity implements OnModuleInit {
  constructor(private readonly providers: ContentBlockProviders) {}

  onModuleInit(): void {
    this.providers.provideItems('last_activity', (query) => this.activity(query));
  }

  async activity(query: BlockQuery): Promise<BlockItem[]> {
    const rows = (await query.em.query(ACTIVITY_SQL, [
      query.limit,
      query.before?.at.toISOString() ?? 'infinity',
      query.before?.key ?? '',
    ])) as ActivityRow[];
    const t = proposalsActivityT.bind(null, query.locale);
    return rows.map((row) => {
      const author = row.author_deleted
        ? t('deleted')
        : row.author_blocked
          ? t('blocked')
          : (row.author_name ?? t('deleted'));
      const path = `${spacePath({ kind: row.space_kind, slug: row.space_slug })}/f/${row.component_id}/proposals/${row.proposal_id}`;
      const at = new Date(row.at);
      const key = row.key;
      switch (row.kind) {
        case 'proposal':
          return {
            title: row.title,
            href: path,
            meta: t('proposal'),
            summary: row.official ? t('official') : t('by', { name: author }),
            at,
            key,
          };
        case 'answer': {
          const custom = row.state_title ? [{ token: row.state!, title: row.state_title }] : [];
          const state = stateLabel(row.state!, custom, query.locale, query.defaultLocale);
          return { title: row.title, href: path, meta: t('answer', { state }), at, key };
        }
        case 'comment':
          return {
            title: row.title,
            href: `${path}#comment-${row.comment_id}`,
            meta: t('comment'),
            summary: t('commentBy', { name: author, excerpt: excerpt(row.excerpt ?? '') }),
            at,
            key,
          };
      }
    });
  }
}
