import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';
import { StaticPageEntity } from '@plaza/theming';

import { createApiApp } from '../src/api.app';

/** Errors people see on HTML pages speak their language; the JSON API keeps its contract. */
describe('4xx pages in the person’s language', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let tenant: TenantRef;
  let admin: TestSession;
  let participant: TestSession;
  let termsId: string;
  const host = () => `${tenant.slug}.plaza.test`;
  const inFrench = (session: TestSession) => `${session.cookie}; plaza_locale=fr`;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    tenant = await platform.createTenant({ name: 'Lille', locales: ['fr', 'en', 'es', 'ca'] });
    admin = await signInAs(
      app,
      tenant,
      (await createUser(platform.ctx, tenant, { roles: ['admin'] })).id,
    );
    participant = await signInAs(app, tenant, (await createUser(platform.ctx, tenant)).id);
    termsId = await platform
      .get(TenantDb)
      .runFor(
        tenant,
        async (em) => (await em.findOneByOrFail(StaticPageEntity, { slug: 'terms' })).id,
      );
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const deleteTerms = (cookie: string, accept = 'text/html') =>
    request(app.getHttpServer())
      .post(`/admin/pages/${termsId}/delete`)
      .set('Host', host())
      .set('Cookie', cookie)
      .set('Accept', accept)
      .set('x-csrf-token', admin.csrfToken)
      .type('form')
      .send({ _csrf: admin.csrfToken });

  it('409: the terms page cannot be deleted, said in French', async () => {
    const res = await deleteTerms(inFrench(admin)).expect(409);
    expect(res.text).toContain('<html lang="fr"');
    expect(res.text).toContain('Action impossible');
    expect(res.text).toContain(
      'La page des conditions d’utilisation ne peut pas être supprimée ; modifiez-la plutôt.',
    );
    expect(res.text).not.toContain('cannot be deleted');
  });

  it('the same 409 as JSON keeps the API contract, in English', async () => {
    const res = await deleteTerms(inFrench(admin), 'application/json').expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: 'The terms of service page cannot be deleted; edit it instead.',
    });
  });

  it('404 with its own sentence, 403 for participants and a CSRF refusal, in French', async () => {
    const missing = await request(app.getHttpServer())
      .get('/admin/homepage/00000000-0000-4000-8000-000000000000')
      .set('Host', host())
      .set('Cookie', inFrench(admin))
      .expect(404);
    expect(missing.text).toContain('Page introuvable');
    expect(missing.text).toContain('Ce bloc n’existe pas.');

    const forbidden = await request(app.getHttpServer())
      .get('/admin/appearance')
      .set('Host', host())
      .set('Cookie', inFrench(participant))
      .expect(403);
    expect(forbidden.text).toContain('Action non autorisée');
    expect(forbidden.text).toContain(
      'Seuls les administrateurs de cette organisation peuvent faire cela.',
    );

    const csrf = await request(app.getHttpServer())
      .post('/admin/languages')
      .set('Host', host())
      .set('Cookie', inFrench(admin))
      .type('form')
      .send({ locales: 'fr', defaultLocale: 'fr' })
      .expect(403);
    expect(csrf.text).toContain('Ce formulaire a expiré ou ne vient pas de ce site.');
  });

  it('a validation message becomes French: translated when the catalogs know it', async () => {
    const form = () =>
      request(app.getHttpServer())
        .post('/admin/people/invite')
        .set('Host', host())
        .type('form')
        .send({ _csrf: admin.csrfToken, email: 'x@example.org', unexpected: 'field' });
    const fr = await form().set('Cookie', inFrench(admin)).expect(400);
    expect(fr.text).toContain('Requête incomprise');
    // The platform's error translations know this sentence (libs/web error-translations).
    expect(fr.text).toContain('Certains champs ne sont pas valides.');
    expect(fr.text).not.toContain('Some fields are not valid.');
    const en = await form().set('Cookie', `${admin.cookie}; plaza_locale=en`).expect(400);
    expect(en.text).toContain('Some fields are not valid.');
  });

  it.each([
    ['es', 'La página de condiciones de uso no se puede eliminar; edítela en su lugar.'],
    ['ca', 'La pàgina de condicions d’ús no es pot suprimir; editeu-la.'],
  ])('in %s too', async (locale, sentence) => {
    const res = await deleteTerms(`${admin.cookie}; plaza_locale=${locale}`).expect(409);
    expect(res.text).toContain(`<html lang="${locale}"`);
    expect(res.text).toContain(sentence);
  });
});
