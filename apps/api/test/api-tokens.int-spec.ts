import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { PersonalTokenEntity } from '@plaza/identity';
import { ProposalEntity } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Personal API tokens (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let owner: TestSession;
  let ownerId: string;
  let other: TestSession;
  let spaceId: string;
  let componentId: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const form = (s: TestSession, path: string, body: Record<string, string> = {}, host = hostA()) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...body, _csrf: s.csrfToken });
  const bearer = (token: string, path: string, body: object = {}, host = hostA()) =>
    http().post(path).set('Host', host).set('Authorization', `Bearer ${token}`).send(body);
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const newToken = async (s: TestSession, name: string, lifetime = '30') => {
    const created = await form(s, '/account/tokens', { name, lifetime }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    return /value="(plz_[^"]+)"/.exec(created.text)![1];
  };

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    const user = await createUser(platform.ctx, a, { name: 'Tess Tokens' });
    ownerId = user.id;
    owner = await signInAs(app, a, user.id);
    other = await signInAs(app, b, (await createUser(platform.ctx, b)).id);
    ({ spaceId, componentId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'open',
          title: { en: 'Open' },
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
      return { spaceId: space.id, componentId: component.id };
    }));
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const proposals = () => `/api/v1/spaces/${spaceId}/components/${componentId}/proposals`;

  it('creates a token shown once, writes with it without CSRF, and refuses it elsewhere or once revoked', async () => {
    const invalid = await form(owner, '/account/tokens', { name: '', lifetime: '7' }).expect(422);
    expect(invalid.text).toContain('Give the token a name of 1 to 100 characters.');
    expect(invalid.text).toContain('Choose when the token expires.');
    const token = await newToken(owner, 'My script');
    const stored = await inA((em) => em.findOneByOrFail(PersonalTokenEntity, { userId: ownerId }));
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token.slice(10));
    const list = await http()
      .get('/account/tokens')
      .set('Host', hostA())
      .set('Cookie', owner.cookie);
    expect(list.text).toContain('My script');
    expect(list.text).not.toContain(token);
    const account = await http().get('/account').set('Host', hostA()).set('Cookie', owner.cookie);
    expect(account.text).toContain('href="/account/tokens"');

    // Writes with the token alone: no cookie, no CSRF token.
    const created = await bearer(token, proposals(), {
      title: 'Benches along the river',
      body: 'Put benches every hundred metres along the river.',
    }).expect(201);
    expect(created.body.authorName).toBe('Tess Tokens');
    await bearer(token, `${proposals()}/${created.body.id}/support`).expect(200);
    await bearer(token, '/api/v1/comments', {
      resource_type: 'proposal',
      resource_id: created.body.id,
      body: 'And some shade too.',
    }).expect(201);
    expect(
      (await inA((em) => em.findOneByOrFail(PersonalTokenEntity, { id: stored.id }))).lastUsedAt,
    ).not.toBeNull();
    // The token is for the API only: pages do not take it.
    const page = await http()
      .get('/account')
      .set('Host', hostA())
      .set('Authorization', `Bearer ${token}`);
    expect(page.headers.location).toContain('/users/sign_in');

    // Tenant B knows nothing of A's token, nor can B's people revoke it.
    const crossed = await bearer(
      token,
      proposals(),
      { title: 'x'.repeat(20), body: 'y'.repeat(20) },
      hostB(),
    );
    expect(crossed.status).toBe(401);
    await form(other, `/account/tokens/${stored.id}/revoke`, {}, hostB()).expect(404);

    const wrong = await bearer('plz_not-a-real-token', proposals(), {}).expect(401);
    expect(wrong.body.message).toBe('This API token is not valid, has expired or was revoked.');

    await form(owner, `/account/tokens/${stored.id}/revoke`).expect(303);
    await bearer(token, `${proposals()}/${created.body.id}/support`).expect(401);
    expect(await inA((em) => em.countBy(ProposalEntity, { componentId }))).toBe(1);

    // Expired tokens are refused.
    const old = await newToken(owner, 'Old one');
    await inA((em) =>
      em.update(
        PersonalTokenEntity,
        { name: 'Old one' },
        { expiresAt: new Date(Date.now() - 1000) },
      ),
    );
    await bearer(old, `${proposals()}/${created.body.id}/support`).expect(401);
  });

  it('limits the requests of one token', async () => {
    const token = await newToken(owner, 'Busy script', '0');
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) {
      const r = await http()
        .get('/api/v1/spaces')
        .set('Host', hostA())
        .set('Authorization', `Bearer ${token}`);
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(120)).toContain(429);
  });

  it('documents bearer tokens in the OpenAPI document', async () => {
    const doc = await http().get('/api/v1/openapi.json').set('Host', hostA()).expect(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    const create =
      doc.body.paths['/api/v1/spaces/{spaceId}/components/{componentId}/proposals'].post;
    expect(create.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
  });
});
