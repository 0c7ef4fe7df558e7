import { EntityManager } from 'typeorm';

import { UserEntity } from '@plaza/identity';
import { MailQueue } from '@plaza/mail';
import { FollowsService, NotificationsService } from '@plaza/social';
import {
  ComponentEntity,
  Settings,
  SpaceEntity,
  SpacePhaseEntity,
  SpaceRoleEntity,
  SpacesService,
} from '@plaza/spaces';
import { TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, TestPlatform } from '@plaza/testing';
import type { CurrentUser } from '@plaza/web';

import { ProposalEntity } from './proposal.entity';
import { ProposalRefusal } from './proposal.errors';
import { ProposalAnswersService } from './proposal-answers.service';
import { ProposalSupportEntity } from './proposal-support.entity';
import { ProposalVersionEntity } from './proposal-version.entity';
import { ProposalsQuery } from './proposals.query';
import { ProposalsService } from './proposals.service';

const asCurrent = (u: UserEntity): CurrentUser => ({
  id: u.id,
  name: u.name,
  nickname: u.nickname,
  email: u.email,
  locale: null,
  roles: u.roles,
  confirmed: true,
});

const TITLE = 'A proposal title long enough';
const BODY = 'A body that is long enough to be valid.';

describe('Proposals: rules and exact counts under concurrency', () => {
  let platform: TestPlatform;
  let tenant: TenantRef;
  let sut: ProposalsService;
  const db = () => platform.get(TenantDb);
  const inTenant = <T>(work: (em: EntityManager) => Promise<T>) => db().runFor(tenant, work);
  const as = <T>(fn: () => Promise<T>) => TenantContext.run(tenant, fn);
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof ProposalRefusal) return e.code;
      throw e;
    }
    return 'accepted';
  };

  async function component(global: Settings, step: Settings): Promise<string> {
    return inTenant(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: `p-${Math.random().toString(36).slice(2, 10)}`,
          title: { en: 'Process' },
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const c = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          settings: global,
          stepSettings: { [phase.id]: step },
        }),
      );
      return c.id;
    });
  }

  async function proposals(componentId: string, n: number, authorId: string | null = null) {
    return inTenant((em) =>
      em.save(
        Array.from({ length: n }, (_, i) =>
          em.create(ProposalEntity, {
            componentId,
            authorId,
            title: `${TITLE} ${i}`,
            body: BODY,
            publishedAt: new Date(),
          }),
        ),
      ),
    );
  }

  const users = async (n: number): Promise<CurrentUser[]> => {
    if (n === 1) return [asCurrent(await createUser(platform.ctx, tenant))];
    const batch = Math.random().toString(36).slice(2, 10);
    const saved = await inTenant((em) =>
      em.save(
        Array.from({ length: n }, (_, i) =>
          em.create(UserEntity, {
            email: `p${i}-${batch}@example.org`,
            nickname: `p${i}_${batch}`,
            name: `Participant ${i}`,
            roles: [],
            confirmedAt: new Date(),
          }),
        ),
      ),
    );
    return saved.map(asCurrent);
  };

  beforeAll(async () => {
    platform = await TestPlatform.start({ DB_POOL_MAX: '20' }, [
      SpacesService,
      FollowsService,
      NotificationsService,
      MailQueue,
      ProposalsService,
      ProposalsQuery,
      ProposalAnswersService,
    ]);
    tenant = await platform.createTenant();
    sut = platform.get(ProposalsService);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('counts 200 simultaneous supports from 200 participants as exactly 200', async () => {
    const componentId = await component({ vote_limit: 1 }, { votes_enabled: true });
    const [proposal] = await proposals(componentId, 1);
    const people = await users(200);
    const results = await Promise.all(
      people.map((u) => as(() => refusal(sut.support(componentId, proposal.id, u)))),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(200);
    const after = await inTenant((em) => em.findOneByOrFail(ProposalEntity, { id: proposal.id }));
    expect(after.supportsCount).toBe(200);
    expect(
      await inTenant((em) => em.countBy(ProposalSupportEntity, { proposalId: proposal.id })),
    ).toBe(200);
  }, 60_000);

  it("never lets one participant's concurrent supports exceed vote_limit", async () => {
    const componentId = await component({ vote_limit: 3 }, { votes_enabled: true });
    const list = await proposals(componentId, 20);
    const [voter] = await users(1);
    const results = await Promise.all(
      list.map((p) => as(() => refusal(sut.support(componentId, p.id, voter)))),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(3);
    expect(results.filter((r) => r === 'voteLimit')).toHaveLength(17);
    const total = await inTenant((em) => em.sum(ProposalEntity, 'supportsCount', { componentId }));
    expect(total).toBe(3);
    // The same proposal twice at once: one support, never two.
    const other = await component({}, { votes_enabled: true });
    const [single] = await proposals(other, 1);
    const twice = await Promise.all(
      [1, 2, 3].map(() => as(() => refusal(sut.support(other, single.id, voter)))),
    );
    expect(twice.sort()).toEqual(['accepted', 'alreadySupported', 'alreadySupported']);
  });

  it('keeps supports temporary until minimum_votes_per_user, then counts them all; unsupporting below the minimum makes them temporary again', async () => {
    const componentId = await component(
      { minimum_votes_per_user: 3, vote_limit: 5 },
      { votes_enabled: true },
    );
    const list = await proposals(componentId, 3);
    const [voter] = await users(1);
    const count = async () =>
      (await inTenant((em) => em.findBy(ProposalEntity, { componentId })))
        .map((p) => p.supportsCount)
        .reduce((a, b) => a + b, 0);
    const first = await as(() => sut.support(componentId, list[0].id, voter));
    expect(first).toMatchObject({
      temporary: true,
      supportsCount: 0,
      missingForMinimum: 2,
      remaining: 4,
    });
    await as(() => sut.support(componentId, list[1].id, voter));
    expect(await count()).toBe(0);
    const third = await as(() => sut.support(componentId, list[2].id, voter));
    expect(third).toMatchObject({ temporary: false, supportsCount: 1, missingForMinimum: 0 });
    expect(await count()).toBe(3);
    const back = await as(() => sut.unsupport(componentId, list[2].id, voter));
    expect(back.supported).toBe(false);
    expect(await count()).toBe(0);
    expect(
      await inTenant((em) => em.countBy(ProposalSupportEntity, { componentId, temporary: true })),
    ).toBe(2);
  });

  it('stops supports at threshold_per_proposal unless they may accumulate beyond it', async () => {
    const strict = await component({ threshold_per_proposal: 2 }, { votes_enabled: true });
    const [p] = await proposals(strict, 1);
    const people = await users(3);
    await inTenant((em) =>
      em.query(
        `insert into follows (user_id, resource_type, resource_id) values ($1, 'proposal', $2)`,
        [people[2].id, p.id],
      ),
    );
    expect(await as(() => refusal(sut.support(strict, p.id, people[0])))).toBe('accepted');
    expect(await as(() => refusal(sut.support(strict, p.id, people[1])))).toBe('accepted');
    expect(await as(() => refusal(sut.support(strict, p.id, people[2])))).toBe('thresholdReached');
    // Its follower learns that it reached the threshold, once.
    const notified = await inTenant((em) =>
      em.query(
        `select count(*)::int as n from notifications where resource_id = $1 and event = 'supports_threshold_reached'`,
        [p.id],
      ),
    );
    expect(notified[0].n).toBe(1);
    const loose = await component(
      { threshold_per_proposal: 2, can_accumulate_votes_beyond_threshold: true },
      { votes_enabled: true },
    );
    const [q] = await proposals(loose, 1);
    for (const u of people)
      expect(await as(() => refusal(sut.support(loose, q.id, u)))).toBe('accepted');
  });

  it('refuses supports when the phase disables or blocks them, and to anonymous visitors', async () => {
    const [u] = await users(1);
    const off = await component({}, { votes_enabled: false });
    const [p] = await proposals(off, 1);
    expect(await as(() => refusal(sut.support(off, p.id, u)))).toBe('supportsDisabled');
    const blocked = await component({}, { votes_enabled: true, votes_blocked: true });
    const [q] = await proposals(blocked, 1);
    expect(await as(() => refusal(sut.support(blocked, q.id, u)))).toBe('supportsBlocked');
    expect(await as(() => refusal(sut.support(blocked, q.id, null)))).toBe('signInRequired');
  });

  it('restricts actions to members of the space when the component says so', async () => {
    const componentId = await component(
      { members_only_support: true, members_only_create: true },
      { votes_enabled: true, creation_enabled: true },
    );
    const [p] = await proposals(componentId, 1);
    const [outsider, member] = await users(2);
    const { spaceId } = await inTenant((em) =>
      em.findOneByOrFail(ComponentEntity, { id: componentId }),
    );
    await inTenant((em) =>
      em.insert(SpaceRoleEntity, { spaceId, userId: member.id, role: 'member' }),
    );
    expect(await as(() => refusal(sut.support(componentId, p.id, outsider)))).toBe('membersOnly');
    expect(
      await as(() => refusal(sut.create(componentId, outsider, { title: TITLE, body: BODY }))),
    ).toBe('membersOnly');
    expect(await as(() => refusal(sut.support(componentId, p.id, member)))).toBe('accepted');
  });

  it('creates proposals within the limits, concurrently never beyond proposal_limit', async () => {
    const componentId = await component(
      {
        proposal_limit: 2,
        proposal_length: 100,
        proposal_edit_time_limit: 5,
        geocoding_enabled: true,
      },
      { creation_enabled: true },
    );
    const [author] = await users(1);
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        as(() => refusal(sut.create(componentId, author, { title: `${TITLE} ${i}`, body: BODY }))),
      ),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(2);
    expect(results.filter((r) => r === 'proposalLimit')).toHaveLength(3);
    const closed = await component({}, { creation_enabled: false });
    expect(await as(() => refusal(sut.create(closed, author, { title: TITLE, body: BODY })))).toBe(
      'creationDisabled',
    );
    const [other] = await users(1);
    await expect(
      as(() => sut.create(componentId, other, { title: TITLE, body: 'x'.repeat(101) })),
    ).rejects.toThrow('at most 100 characters');
    const located = await as(() =>
      sut.create(componentId, other, {
        title: TITLE,
        body: BODY,
        address: 'Grand Place',
        latitude: 50.6,
        longitude: 3.06,
      }),
    );
    expect(located).toMatchObject({ address: 'Grand Place', latitude: 50.6, longitude: 3.06 });
  });

  it('lets the author edit within the window (keeping versions) and withdraw while unsupported', async () => {
    const componentId = await component(
      { proposal_edit_time_limit: 5 },
      { creation_enabled: true, votes_enabled: true },
    );
    const [author, stranger] = await users(2);
    const p = await as(() => sut.create(componentId, author, { title: TITLE, body: BODY }));
    const edited = await as(() =>
      sut.update(componentId, p.id, author, { title: `${TITLE} (edited)`, body: BODY }),
    );
    expect(edited.title).toContain('(edited)');
    const later = new Date(Date.now() + 6 * 60_000);
    expect(
      await as(() =>
        refusal(sut.update(componentId, p.id, author, { title: TITLE, body: BODY }, later)),
      ),
    ).toBe('editWindowClosed');
    expect(
      await as(() =>
        refusal(sut.update(componentId, p.id, stranger, { title: TITLE, body: BODY })),
      ),
    ).toBe('notAuthor');
    const versions = await inTenant((em) =>
      em.find(ProposalVersionEntity, { where: { proposalId: p.id }, order: { number: 'ASC' } }),
    );
    expect(versions.map((v) => v.number)).toEqual([1, 2]);

    await as(() => sut.support(componentId, p.id, stranger));
    expect(await as(() => refusal(sut.withdraw(componentId, p.id, author)))).toBe(
      'withdrawHasSupports',
    );
    await as(() => sut.unsupport(componentId, p.id, stranger));
    expect((await as(() => sut.withdraw(componentId, p.id, author))).withdrawnAt).not.toBeNull();
    expect(await as(() => refusal(sut.support(componentId, p.id, stranger)))).toBe(
      'notSupportable',
    );
  });

  it('publishes answers immediately or in bulk, and filters and orders listings', async () => {
    const componentId = await component(
      {},
      { votes_enabled: true, endorsements_enabled: true, publish_answers_immediately: false },
    );
    const list = await proposals(componentId, 4);
    const [admin] = (await users(1)).map((u) => ({ ...u, roles: ['admin'] }));
    const answers = platform.get(ProposalAnswersService);
    await as(() =>
      answers.answer(componentId, list[0].id, admin, {
        state: 'accepted',
        answer: { en: 'Yes' },
        cost: 1000,
        costReport: null,
        executionPeriod: null,
      }),
    );
    const query = platform.get(ProposalsQuery);
    const base = { order: 'recent' as const, seed: 's', page: 1, perPage: 10 };
    const accepted = () => as(() => query.list(componentId, { ...base, states: ['accepted'] }));
    expect((await accepted()).total).toBe(0);
    expect(await as(() => answers.publish(componentId, [list[0].id, list[1].id]))).toBe(1);
    expect((await accepted()).items.map((p) => p.id)).toEqual([list[0].id]);
    expect(
      (await as(() => query.list(componentId, { ...base, states: ['not_answered'] }))).total,
    ).toBe(3);

    const [fan] = await users(1);
    await as(() => sut.support(componentId, list[2].id, fan));
    await as(() => sut.endorse(componentId, list[3].id, fan, true));
    const top = await as(() => query.list(componentId, { ...base, order: 'most_supported' }));
    expect(top.items[0].id).toBe(list[2].id);
    const endorsed = await as(() => query.list(componentId, { ...base, order: 'most_endorsed' }));
    expect(endorsed.items[0].id).toBe(list[3].id);
    const r1 = await as(() => query.list(componentId, { ...base, order: 'random', perPage: 2 }));
    const r1again = await as(() =>
      query.list(componentId, { ...base, order: 'random', perPage: 2 }),
    );
    const r2 = await as(() =>
      query.list(componentId, { ...base, order: 'random', perPage: 2, page: 2 }),
    );
    expect(r1again.items.map((p) => p.id)).toEqual(r1.items.map((p) => p.id));
    expect(new Set([...r1.items, ...r2.items].map((p) => p.id)).size).toBe(4);
    const found = await as(() => query.list(componentId, { ...base, search: `${TITLE} 3` }));
    expect(found.items.map((p) => p.id)).toEqual([list[3].id]);
  });
});
