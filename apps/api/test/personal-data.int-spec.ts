import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ActionLogEntity, UserEntity } from '@plaza/identity';
import {
  ProposalAttachmentEntity,
  ProposalEndorsementEntity,
  ProposalEntity,
  ProposalNoteEntity,
  ProposalSupportEntity,
  ProposalValuatorEntity,
  ProposalVersionEntity,
} from '@plaza/proposals';
import {
  CommentEntity,
  CommentVoteEntity,
  FollowEntity,
  ModerationEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  ReportEntity,
} from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpaceRoleEntity } from '@plaza/spaces';
import { StoredFileEntity } from '@plaza/storage';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  linkIn,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
  TestSmtp,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

/** The same address holds an account on both sites; only Alpha's must ever show. */
const EMAIL = 'dana.zorblat@example.org';

interface Seeded {
  user: UserEntity;
  proposalId: string;
  otherProposalId: string;
  commentId: string;
  attachmentId: string;
}

/** A stored file's row (the bytes are not needed: the archive lists metadata only). */
async function storedFile(em: EntityManager, originalName: string, size: number) {
  const id = randomUUID();
  return em.save(
    em.create(StoredFileEntity, {
      id,
      path: `files/${id}/original.pdf`,
      contentType: 'application/pdf',
      kind: 'document',
      size,
      originalName,
    }),
  );
}

/** Everything the features keep about one person, with `mark` in each text. */
async function seed(em: EntityManager, user: UserEntity, mark: string): Promise<Seeded> {
  const other = await em.save(
    em.create(UserEntity, {
      email: `other-${mark.toLowerCase()}@example.org`,
      name: 'Other Person',
      nickname: `other_${mark.toLowerCase()}`,
      roles: [],
      confirmedAt: new Date(),
    }),
  );
  const space = await em.save(
    em.create(SpaceEntity, {
      kind: 'process',
      slug: `space-${mark.toLowerCase()}`,
      title: { en: `${mark} space` },
      publishedAt: new Date(),
    }),
  );
  const component = await em.save(
    em.create(ComponentEntity, {
      spaceId: space.id,
      manifest: 'proposals',
      name: { en: 'Ideas' },
      publishedAt: new Date(),
    }),
  );
  const proposal = await em.save(
    em.create(ProposalEntity, {
      componentId: component.id,
      authorId: user.id,
      title: `${mark} more trees`,
      body: `${mark} plant trees along the river`,
      publishedAt: new Date(),
    }),
  );
  const otherProposal = await em.save(
    em.create(ProposalEntity, {
      componentId: component.id,
      authorId: other.id,
      title: `${mark} shared bench`,
      body: 'OTHER-PERSON body',
      publishedAt: new Date(),
    }),
  );
  await em.insert(ProposalVersionEntity, [
    {
      proposalId: proposal.id,
      number: 1,
      title: `${mark} more trees`,
      body: 'v1',
      editorId: user.id,
    },
    {
      proposalId: proposal.id,
      number: 2,
      title: `${mark} more trees`,
      body: 'v2',
      editorId: user.id,
    },
  ]);
  await em.insert(ProposalSupportEntity, {
    proposalId: otherProposal.id,
    componentId: component.id,
    authorId: user.id,
  });
  await em.insert(ProposalEndorsementEntity, { proposalId: otherProposal.id, authorId: user.id });
  await em.insert(ProposalValuatorEntity, { proposalId: otherProposal.id, userId: user.id });
  await em.insert(ProposalNoteEntity, {
    proposalId: otherProposal.id,
    authorId: user.id,
    body: `${mark} valuation note`,
  });
  const comment = await em.save(
    em.create(CommentEntity, {
      resourceType: 'proposal',
      resourceId: otherProposal.id,
      authorId: user.id,
      body: `${mark} a fair point`,
    }),
  );
  const otherComment = await em.save(
    em.create(CommentEntity, {
      resourceType: 'proposal',
      resourceId: proposal.id,
      authorId: other.id,
      body: 'OTHER-PERSON comment',
    }),
  );
  await em.insert(CommentVoteEntity, { commentId: otherComment.id, authorId: user.id, weight: 1 });
  await em.insert(FollowEntity, {
    userId: user.id,
    resourceType: 'proposal',
    resourceId: otherProposal.id,
  });
  await em.insert(NotificationEntity, {
    userId: user.id,
    event: 'comment_created',
    resourceType: 'proposal',
    resourceId: proposal.id,
    title: `${mark} more trees`,
    url: `/processes/space/${mark}`,
  });
  await em.insert(NotificationPreferenceEntity, {
    userId: user.id,
    emailFrequency: 'weekly',
    mutedEvents: ['mentioned'],
  });
  const moderation = await em.save(
    em.create(ModerationEntity, {
      resourceType: 'comment',
      resourceId: otherComment.id,
      spaceId: space.id,
      title: 'OTHER-PERSON comment',
      reportCount: 1,
    }),
  );
  await em.insert(ReportEntity, {
    moderationId: moderation.id,
    userId: user.id,
    reason: 'offensive',
    details: `${mark} zorblat saw this, call 0612345678`,
  });
  const attachment = await em.save(
    em.create(ProposalAttachmentEntity, {
      proposalId: proposal.id,
      fileId: (await storedFile(em, `${mark}-plan.pdf`, 2048)).id,
      title: `${mark} river plan`,
      uploaderId: user.id,
    }),
  );
  await em.insert(ProposalAttachmentEntity, {
    proposalId: proposal.id,
    fileId: (await storedFile(em, 'OTHER-PERSON-map.pdf', 10)).id,
    title: 'OTHER-PERSON map',
    uploaderId: other.id,
  });
  await em.insert(SpaceRoleEntity, { spaceId: space.id, userId: user.id, role: 'moderator' });
  await em.insert(ActionLogEntity, {
    actorId: other.id,
    action: 'user.block',
    subjectType: 'user',
    subjectId: user.id,
    details: { reason: `${mark} zorblat spammed` },
  });
  return {
    user,
    proposalId: proposal.id,
    otherProposalId: otherProposal.id,
    commentId: comment.id,
    attachmentId: attachment.id,
  };
}

describe('Download my data and account deletion across features (two tenants)', () => {
  let smtp: TestSmtp;
  let storageDir: string;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let a: TenantRef;
  let b: TenantRef;
  let inA: Seeded;
  let inB: Seeded;
  let session: TestSession;

  const http = () => request(app.getHttpServer());
  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const run = <T>(t: TenantRef, work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(t, work);

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-personal-data-'));
    platform = await TestPlatform.start({
      SMTP_URL: smtp.url,
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    const personInA = await createUser(platform.ctx, a, {
      email: EMAIL,
      name: 'Dana Zorblat',
      nickname: 'danazorblat',
    });
    const personInB = await createUser(platform.ctx, b, {
      email: EMAIL,
      name: 'Dana Zorblat of Beta',
      nickname: 'danazorblat',
    });
    inA = await run(a, (em) => seed(em, personInA, 'ALPHA'));
    inB = await run(b, (em) => seed(em, personInB, 'BETAONLY'));
    await run(a, (em) =>
      em.update(
        UserEntity,
        { id: personInA.id },
        { termsAcceptedVersion: 3, termsAcceptedAt: new Date(), newsletterConsentAt: new Date() },
      ),
    );
    session = await signInAs(app, a, personInA.id);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it("puts each feature's section in the archive (JSON and CSV), nothing from the other site", async () => {
    const res = await http()
      .post('/account/data_export')
      .set('Host', host(a))
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrfToken });
    expect(res.status).toBe(200);
    const [mail] = await eventually(async () => smtp.to(EMAIL).length > 0 && smtp.to(EMAIL));
    expect(mail.subject).toBe('Your data from Alpha is ready');
    const link = await http()
      .get(linkIn(mail.text, '/account/data_export/'))
      .set('Host', host(a))
      .set('Cookie', session.cookie);
    expect(link.status).toBe(303);
    const download = await http()
      .get(link.headers.location)
      .set('Host', host(a))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(download.body as Buffer));
    const sections = [
      'account',
      'consents',
      'action_log',
      'comments',
      'comment_votes',
      'follows',
      'notifications',
      'notification_preferences',
      'reports',
      'proposals',
      'proposal_versions',
      'proposal_supports',
      'proposal_endorsements',
      'proposal_valuations',
      'proposal_attachments',
      'space_roles',
    ];
    expect(Object.keys(files).sort()).toEqual(
      [...sections.map((s) => `${s}.csv`), 'personal-data.json'].sort(),
    );
    const json = JSON.parse(strFromU8(files['personal-data.json'])) as Record<
      string,
      Record<string, unknown>[]
    >;
    const only = (section: string) => {
      expect(json[section]).toHaveLength(1);
      return json[section][0];
    };
    expect(only('account')).toMatchObject({ id: inA.user.id, email: EMAIL, name: 'Dana Zorblat' });
    expect(json.consents).toEqual([
      expect.objectContaining({ consent: 'terms_of_service', given: true, version: 3 }),
      expect.objectContaining({ consent: 'newsletter', given: true }),
    ]);
    expect(only('action_log')).toMatchObject({ action: 'user.block' });
    expect(only('action_log').details).toContain('ALPHA zorblat spammed');
    expect(only('proposals')).toMatchObject({ id: inA.proposalId, title: 'ALPHA more trees' });
    expect(json.proposal_versions.map((v) => v.number)).toEqual([1, 2]);
    expect(only('proposal_supports')).toMatchObject({
      proposal_id: inA.otherProposalId,
      proposal_title: 'ALPHA shared bench',
    });
    expect(only('proposal_endorsements')).toMatchObject({ proposal_id: inA.otherProposalId });
    expect(json.proposal_valuations.map((v) => v.kind).sort()).toEqual([
      'assigned_valuator',
      'private_note',
    ]);
    expect(only('proposal_attachments')).toEqual({
      id: inA.attachmentId,
      proposal_id: inA.proposalId,
      proposal_title: 'ALPHA more trees',
      title: 'ALPHA river plan',
      file_name: 'ALPHA-plan.pdf',
      content_type: 'application/pdf',
      size: 2048,
      created_at: expect.any(String),
    });
    expect(only('comments')).toMatchObject({ id: inA.commentId, body: 'ALPHA a fair point' });
    expect(only('comment_votes')).toMatchObject({ vote: 'up', resource_id: inA.proposalId });
    expect(only('follows')).toMatchObject({ resource_id: inA.otherProposalId });
    expect(only('notifications')).toMatchObject({ title: 'ALPHA more trees' });
    expect(only('notification_preferences')).toEqual({
      email_frequency: 'weekly',
      muted_events: 'mentioned',
    });
    expect(only('reports')).toMatchObject({ reason: 'offensive' });
    expect(only('space_roles')).toMatchObject({ role: 'moderator', space_slug: 'space-alpha' });

    for (const section of sections) {
      const csv = strFromU8(files[`${section}.csv`]);
      const [header, ...lines] = csv.trimEnd().split('\r\n');
      expect(header).toContain(`"${Object.keys(json[section][0])[0]}"`);
      expect(lines).toHaveLength(json[section].length);
    }
    expect(strFromU8(files['comments.csv'])).toContain('"ALPHA a fair point"');

    // Nothing of Beta's person, nor another person's own words.
    const everything = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(everything).not.toContain('BETAONLY');
    expect(everything).not.toContain(inB.user.id);
    expect(everything).not.toContain('OTHER-PERSON');
  });

  it("deletion leaves no personal data in the features' tables, keeps contributions, spares the other site", async () => {
    const userId = inA.user.id;
    const res = await http()
      .post('/account/delete')
      .set('Host', host(a))
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrfToken, confirm: '1', reason: 'moving away' });
    expect(res.status).toBe(200);

    const count = (t: TenantRef, sql: string) =>
      run(t, async (em) => Number((await em.query(sql, [userId]))[0].n));
    for (const sql of [
      'select count(*) as n from follows where user_id = $1',
      'select count(*) as n from notifications where user_id = $1',
      'select count(*) as n from notification_preferences where user_id = $1',
      'select count(*) as n from space_roles where user_id = $1',
      'select count(*) as n from proposal_valuators where user_id = $1',
      'select count(*) as n from reports where user_id = $1 and details is not null',
      "select count(*) as n from action_logs where subject_id = $1::text and details ? 'reason'",
      'select count(*) as n from data_exports where user_id = $1',
      'select count(*) as n from user_tokens where user_id = $1',
    ])
      expect([sql, await count(a, sql)]).toEqual([sql, 0]);

    // Contributions stay, attached to the anonymized account.
    for (const sql of [
      'select count(*) as n from proposals where author_id = $1',
      'select count(*) as n from comments where author_id = $1',
      'select count(*) as n from comment_votes where author_id = $1',
      'select count(*) as n from proposal_supports where author_id = $1',
      'select count(*) as n from proposal_endorsements where author_id = $1',
      'select count(*) as n from reports where user_id = $1',
      'select count(*) as n from action_logs where subject_id = $1::text',
      'select count(*) as n from proposal_attachments where uploader_id = $1',
    ])
      expect([sql, await count(a, sql)]).toEqual([sql, 1]);
    const [user] = (await run(a, (em) =>
      em.query('select name, email, nickname, deleted_at from users where id = $1', [userId]),
    )) as { name: string; email: string; deleted_at: Date | null }[];
    expect(user.name).toBe('');
    expect(user.email).not.toContain('zorblat');
    expect(user.deleted_at).not.toBeNull();

    // No row of any table of the site still holds the person's name, address or what they wrote in reports.
    const leftovers = await run(a, async (em) => {
      const tables = (await em.query(
        `select table_name as t from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      )) as { t: string }[];
      const found: string[] = [];
      for (const { t } of tables) {
        const [{ n }] = (await em.query(
          `select count(*)::int as n from "${t}" x where x::text ilike any($1)`,
          [['%zorblat%', '%0612345678%']],
        )) as { n: number }[];
        if (n) found.push(t);
      }
      return found;
    });
    expect(leftovers).toEqual([]);

    // The same address on Beta is another person, untouched.
    const inBeta = (sql: string) =>
      run(b, async (em) => Number((await em.query(sql, [inB.user.id]))[0].n));
    expect(await inBeta('select count(*) as n from follows where user_id = $1')).toBe(1);
    expect(await inBeta('select count(*) as n from notifications where user_id = $1')).toBe(1);
    expect(await inBeta('select count(*) as n from space_roles where user_id = $1')).toBe(1);
    expect(
      await inBeta('select count(*) as n from users where id = $1 and deleted_at is null'),
    ).toBe(1);
  });
});
