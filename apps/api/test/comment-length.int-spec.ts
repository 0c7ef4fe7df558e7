import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ProposalEntity } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { OrganizationEntity, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Maximum comment length: organization setting, component override (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let admin: TestSession;
  let adminB: TestSession;
  let citizen: TestSession;
  let componentId: string;
  let proposalId: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const form = (s: TestSession, path: string, body: Record<string, string>, host = hostA()) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...body, _csrf: s.csrfToken });
  const comment = (body: string) =>
    http()
      .post('/api/v1/comments')
      .set('Host', hostA())
      .set('Cookie', citizen.cookie)
      .set('x-csrf-token', citizen.csrfToken)
      .send({ resource_type: 'proposal', resource_id: proposalId, body });
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    citizen = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    ({ componentId, proposalId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'talk',
          title: { en: 'Talk' },
          publishedAt: new Date(),
        }),
      );
      await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
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
          authorId: null,
          official: true,
          title: 'A square without cars',
          body: 'Close the main square to cars on Sundays.',
          publishedAt: new Date(),
        }),
      );
      return { componentId: component.id, proposalId: proposal.id };
    }));
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('refuses longer comments with a clear message, in HTML and the API', async () => {
    await http()
      .get('/admin/participation')
      .set('Host', hostA())
      .set('Cookie', citizen.cookie)
      .expect(403);
    const bad = await form(admin, '/admin/participation', { comments_max_length: '0' }).expect(422);
    expect(bad.text).toContain('Enter a whole number from 1 to 10000.');
    expect(bad.text).toContain('value="0"');
    await form(admin, '/admin/participation', { comments_max_length: '50' }).expect(303);
    // Tenant B's setting is its own.
    await form(adminB, '/admin/participation', { comments_max_length: '10' }, hostB()).expect(303);
    expect(
      (await inA((em) => em.findOneByOrFail(OrganizationEntity, { id: 1 }))).commentsMaxLength,
    ).toBe(50);

    const refused = await comment('x'.repeat(51)).expect(400);
    expect(refused.body.message).toBe('Write a comment of 1 to 50 characters.');
    await comment('x'.repeat(50)).expect(201);

    const page = `/processes/talk/f/${componentId}/proposals/${proposalId}`;
    const html = await form(citizen, '/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body: 'y'.repeat(51),
      back: page,
    }).expect(303);
    expect(html.headers.location).toContain('social_error=error.commentLength');
    const shown = await http()
      .get(html.headers.location as string)
      .set('Host', hostA())
      .set('Cookie', citizen.cookie)
      .expect(200);
    expect(shown.text).toContain('Write a comment of 1 to 50 characters.');
    expect(shown.text).toContain('maxlength="50"');

    // The component's own maximum overrides the organization's.
    await inA((em) =>
      em.update(ComponentEntity, { id: componentId }, { settings: { comments_max_length: 80 } }),
    );
    await comment('z'.repeat(80)).expect(201);
    const over = await comment('z'.repeat(81)).expect(400);
    expect(over.body.message).toBe('Write a comment of 1 to 80 characters.');
  });
});
