import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import {
  AccountsService,
  documentHash,
  documentKey,
  legacyDocumentHash,
  UserEntity,
  VerificationEntity,
} from '@plaza/identity';
import { ProposalEntity } from '@plaza/proposals';
import { NotificationEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { OrganizationEntity, TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
  TestSmtp,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

describe('Verifications and component permissions (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let smtp: TestSmtp;
  let worker: INestApplicationContext;
  let citizenEmail: string;
  let a: TenantRef;
  let b: TenantRef;
  let citizen: TestSession;
  let twin: TestSession;
  let admin: TestSession;
  let adminB: TestSession;
  let citizenId: string;
  let spaceId: string;
  let componentId: string;
  let proposalId: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (host: string, s: TestSession, path: string, form: Record<string, unknown>) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, _csrf: s.csrfToken });
  const get = (host: string, path: string, s?: TestSession) => {
    const r = http().get(path).set('Host', host);
    return s ? r.set('Cookie', s.cookie) : r;
  };
  const api = (s: TestSession, path: string, body: object = {}) =>
    http()
      .post(path)
      .set('Host', hostA())
      .set('Cookie', s.cookie)
      .set('x-csrf-token', s.csrfToken)
      .send(body);
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const saltOf = (t: TenantRef) =>
    platform
      .get(TenantDb)
      .runFor(
        t,
        async (em) => (await em.findOneByOrFail(OrganizationEntity, { id: 1 })).verificationSalt,
      );
  const verificationOf = (userId: string) =>
    inA((em) => em.findOneByOrFail(VerificationEntity, { userId, method: 'id_documents' }));

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({ SMTP_URL: smtp.url });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr'] });
    b = await platform.createTenant({ name: 'Beta' });
    const user = await createUser(platform.ctx, a, { name: 'Carla Citizen' });
    await platform
      .get(TenantDb)
      .runFor(a, (em) => em.update(UserEntity, { id: user.id }, { locale: 'fr' }));
    citizenId = user.id;
    citizenEmail = user.email;
    citizen = await signInAs(app, a, user.id);
    twin = await signInAs(app, a, (await createUser(platform.ctx, a, { name: 'Tina Twin' })).id);
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    ({ spaceId, componentId, proposalId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'budget',
          title: { en: 'Budget' },
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          stepSettings: { [phase.id]: { creation_enabled: true, votes_enabled: true } },
        }),
      );
      const proposal = await em.save(
        em.create(ProposalEntity, {
          componentId: component.id,
          authorId: null,
          official: true,
          title: 'A library in every district',
          body: 'Open a small library in every district of the city.',
          publishedAt: new Date(),
        }),
      );
      return { spaceId: space.id, componentId: component.id, proposalId: proposal.id };
    }));
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
  });

  const componentAdmin = () => `/admin/spaces/${spaceId}/components/${componentId}`;
  const proposalPage = () => `/processes/budget/f/${componentId}/proposals/${proposalId}`;
  const apiProposal = () =>
    `/api/v1/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}`;

  it('requires a verification per action, explains refusals, and lets admins grant, refuse and revoke', async () => {
    // The organization offers no method yet: a requirement naming it is refused by the form.
    const early = await post(hostA(), admin, `${componentAdmin()}/permissions`, {
      verification_support: 'id_documents',
    }).expect(422);
    expect(early.text).toContain('Choose one of the methods the organization offers.');
    expect(early.text).toContain('/admin/verifications');

    await get(hostA(), '/admin/verifications', citizen).expect(403);
    await post(hostA(), admin, '/admin/verifications/methods', { methods: 'id_documents' }).expect(
      303,
    );
    const permissions = await post(hostA(), admin, `${componentAdmin()}/permissions`, {
      verification_support: 'id_documents',
      verification_comment: 'id_documents',
      verification_create: '',
    }).expect(303);
    const shown = await get(hostA(), permissions.headers.location as string, admin).expect(200);
    expect(shown.text).toContain('Permissions saved.');
    // Tenant B's admin cannot reach A's component.
    await post(hostB(), adminB, `${componentAdmin()}/permissions`, {
      verification_support: '',
    }).expect(404);
    expect(
      (await inA((em) => em.findOneByOrFail(ComponentEntity, { id: componentId }))).permissions,
    ).toEqual({
      support: { verification: 'id_documents' },
      comment: { verification: 'id_documents' },
    });

    // API clients read the requirements with the components.
    const components = await get(hostA(), `/api/v1/spaces/${spaceId}/components`).expect(200);
    expect(components.body[0].requiredVerifications).toEqual({
      support: 'id_documents',
      comment: 'id_documents',
    });
    // Said before acting: the page offers the verification instead of the button and the form.
    const before = await get(hostA(), proposalPage(), citizen).expect(200);
    expect(before.text).toContain('href="/account/verifications/id_documents"');
    expect(before.text).not.toContain(`action="${proposalPage()}/support"`);
    expect(before.text).not.toContain('id="new-comment-body"');
    // Refused, with why and where to go.
    const refused = await post(hostA(), citizen, `${proposalPage()}/support`, {}).expect(303);
    expect(refused.headers.location).toContain('refused=verificationRequired&method=id_documents');
    const explained = await get(hostA(), refused.headers.location as string, citizen).expect(200);
    expect(explained.text).toContain('You need a verified account to do this.');
    expect(explained.text).toContain('href="/account/verifications/id_documents"');
    const apiRefused = await api(citizen, `${apiProposal()}/support`).expect(403);
    expect(apiRefused.body.message).toContain('/account/verifications/id_documents');
    const comment = await api(citizen, '/api/v1/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body: 'I would use it every week.',
    }).expect(403);
    expect(comment.body.message).toContain('verified account');

    // The request: a bad number re-renders the form with what was typed.
    const list = await get(hostA(), '/account/verifications', citizen).expect(200);
    expect(list.text).toContain('Not verified');
    const bad = await post(hostA(), citizen, '/account/verifications/id_documents', {
      document_type: 'national_id',
      document_number: '12',
    }).expect(422);
    expect(bad.text).toContain('The document number must have 5 to 20 letters or digits.');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain('value="12"');
    await post(hostA(), citizen, '/account/verifications/id_documents', {
      document_type: 'national_id',
      document_number: '12.345.678-z',
    }).expect(303);
    const pending = await verificationOf(citizenId);
    expect(pending).toMatchObject({ status: 'pending', documentNumber: '12345678Z' });

    // Tenant B sees nothing of A's requests and cannot decide them.
    const bQueue = await get(hostB(), '/admin/verifications', adminB).expect(200);
    expect(bQueue.text).not.toContain('Carla Citizen');
    await post(hostB(), adminB, `/admin/verifications/${pending.id}/grant`, {}).expect(404);

    const queue = await get(hostA(), '/admin/verifications', admin).expect(200);
    expect(queue.text).toContain('Carla Citizen');
    expect(queue.text).toContain('12345678Z');
    await post(hostA(), admin, `/admin/verifications/${pending.id}/grant`, {}).expect(303);
    const granted = await verificationOf(citizenId);
    // Decided: the number is gone, its hash and last characters stay.
    expect(granted).toMatchObject({ status: 'granted', documentNumber: null, numberHint: '78Z' });
    // Keyed by SECRETS_KEY and the organization: a copy of the table cannot be searched for numbers.
    expect(granted.uniqueHash).toBe(
      documentHash(
        documentKey(platform.config.secretsKey, await saltOf(a)),
        'id_documents',
        '12345678Z',
      ),
    );
    expect(granted.uniqueHash).not.toContain(legacyDocumentHash('id_documents', '12345678Z'));
    // The same document in tenant B hashes differently (the key is per organization).
    await post(hostB(), adminB, '/admin/verifications/methods', { methods: 'id_documents' }).expect(
      303,
    );
    await post(hostB(), adminB, '/account/verifications/id_documents', {
      document_type: 'national_id',
      document_number: '12345678Z',
    }).expect(303);
    const inB = await platform
      .get(TenantDb)
      .runFor(b, (em) => em.findOneByOrFail(VerificationEntity, { method: 'id_documents' }));
    expect(inB.uniqueHash).toMatch(/^k1\./);
    expect(inB.uniqueHash).not.toBe(granted.uniqueHash);
    await api(citizen, `${apiProposal()}/support`).expect(200);
    // The person hears of it, in their language.
    const [granted1] = await eventually(
      async () => smtp.to(citizenEmail).length > 0 && smtp.to(citizenEmail),
    );
    expect(granted1.subject).toBe('Votre compte sur Alpha est vérifié');
    // ...and in the site, in their language (B's people see nothing of it).
    const notices = await http()
      .get('/notifications')
      .set('Host', hostA())
      .set('Cookie', `${citizen.cookie}; plaza_locale=fr`)
      .expect(200);
    expect(notices.text).toContain('Votre demande de vérification a été acceptée');
    expect(notices.text).toContain('href="/account/verifications"');
    expect(
      await platform
        .get(TenantDb)
        .runFor(b, (em) => em.countBy(NotificationEntity, { resourceType: 'verification' })),
    ).toBe(0);
    expect(granted1.text).toContain('/account/verifications');
    await api(citizen, '/api/v1/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body: 'I would use it every week.',
    }).expect(201);

    // One document verifies one account.
    await post(hostA(), twin, '/account/verifications/id_documents', {
      document_type: 'national_id',
      document_number: '12345678Z',
    }).expect(303);
    const twinRequest = await inA((em) =>
      em.findOneOrFail(VerificationEntity, { where: { status: 'pending' } }),
    );
    const taken = await post(
      hostA(),
      admin,
      `/admin/verifications/${twinRequest.id}/grant`,
      {},
    ).expect(422);
    expect(taken.text).toContain('This document already verifies another account.');
    const noReason = await post(
      hostA(),
      admin,
      `/admin/verifications/${twinRequest.id}/refuse`,
      {},
    ).expect(422);
    expect(noReason.text).toContain('Give a reason');
    await post(hostA(), admin, `/admin/verifications/${twinRequest.id}/refuse`, {
      [`reason-${twinRequest.id}`]: 'Already used by another account.',
    }).expect(303);
    expect(
      (await inA((em) => em.findBy(NotificationEntity, { userId: twinRequest.userId }))).map(
        (n) => n.event,
      ),
    ).toEqual(['verification_refused']);
    const twinPage = await get(hostA(), '/account/verifications', twin).expect(200);
    expect(twinPage.text).toContain('Refused');
    expect(twinPage.text).toContain('Already used by another account.');

    // Revoked: the action is refused again, the person sees why.
    await post(hostA(), admin, `/admin/verifications/${granted.id}/revoke`, {
      [`reason-${granted.id}`]: 'Moved out of the city.',
    }).expect(303);
    await api(citizen, `${apiProposal()}/support`).expect(403);
    expect(
      (
        await inA((em) =>
          em.find(NotificationEntity, {
            where: { userId: citizenId },
            order: { createdAt: 'ASC' },
          }),
        )
      ).map((n) => n.event),
    ).toEqual(['verification_granted', 'verification_revoked']);
    const mine = await get(hostA(), '/account/verifications', citizen).expect(200);
    expect(mine.text).toContain('Revoked');
    expect(mine.text).toContain('Moved out of the city.');

    // A method the organization stops offering is no longer required.
    await post(hostA(), admin, '/admin/verifications/methods', {}).expect(303);
    await api(citizen, `${apiProposal()}/support`).expect(409);
    await get(hostA(), '/account/verifications/id_documents', citizen).expect(404);

    // Creating and endorsing obey their own requirements the same way.
    await post(hostA(), admin, '/admin/verifications/methods', { methods: 'id_documents' }).expect(
      303,
    );
    await post(hostA(), admin, `${componentAdmin()}/permissions`, {
      verification_create: 'id_documents',
      verification_endorse: 'id_documents',
    }).expect(303);
    const create = await api(
      twin,
      `/api/v1/spaces/${spaceId}/components/${componentId}/proposals`,
      {
        title: 'Free bicycles for everyone',
        body: 'Lend bicycles at every metro station.',
      },
    ).expect(403);
    expect(create.body.message).toContain('/account/verifications/id_documents');
    await api(twin, `${apiProposal()}/endorsement`).expect(403);
    const form = await get(
      hostA(),
      `/processes/budget/f/${componentId}/proposals/new`,
      twin,
    ).expect(200);
    expect(form.text).toContain('href="/account/verifications/id_documents"');

    // Deleting the account erases its verifications (the document may verify a new account).
    await TenantContext.run(a, () => app.get(AccountsService).deleteAccount(citizenId, null));
    expect(await inA((em) => em.countBy(VerificationEntity, { userId: citizenId }))).toBe(0);
  });
});
