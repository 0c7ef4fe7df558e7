import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ConsoleRole, ConsoleUsersService } from '@plaza/console';
import { testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

/** Error answers follow Accept-Language and keep the `{statusCode, error, message, fields}` shape. */
describe('Console API errors in the reader’s language', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  async function login(role: ConsoleRole): Promise<{ cookie: string; csrfToken: string }> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform.get(ConsoleUsersService).create({ email, password: PASSWORD, role });
    const res = await http()
      .post('/api/console/v1/session')
      .set('Host', CONSOLE)
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .find((c) => c.startsWith('plaza_console_session='));
    return { cookie: cookie ?? '', csrfToken: res.body.csrfToken };
  }
  const post = (who: { cookie: string; csrfToken: string }, path: string, lang: string) =>
    http()
      .post(path)
      .set('Host', CONSOLE)
      .set('Cookie', who.cookie)
      .set('x-csrf-token', who.csrfToken)
      .set('Accept-Language', lang);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('answers 401 in French, and in English without a preference', async () => {
    const fr = await http()
      .get('/api/console/v1/tenants')
      .set('Host', CONSOLE)
      .set('Accept-Language', 'fr-FR,fr;q=0.9')
      .expect(401);
    expect(fr.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Vous devez vous connecter à la console pour faire cela.',
    });
    const en = await http().get('/api/console/v1/tenants').set('Host', CONSOLE).expect(401);
    expect(en.body.message).toBe('You need to sign in to the console to do this.');
    const wrong = await http()
      .post('/api/console/v1/session')
      .set('Host', CONSOLE)
      .set('Accept-Language', 'ca')
      .send({ email: 'nobody@plaza.example', password: 'not the password' })
      .expect(401);
    expect(wrong.body.message).toBe('El correu o la contrasenya no són correctes.');
  });

  it('translates field errors, keeping the field names', async () => {
    const operator = await login('operator');
    const bad = await post(operator, '/api/console/v1/tenants', 'es')
      .send({ name: '', slug: 'x', locales: [], adminEmail: 'nope', adminName: 'A' })
      .expect(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Algunos campos no son válidos.',
    });
    expect(bad.body.fields.name).toEqual([
      'El nombre es obligatorio y puede tener hasta 200 caracteres.',
    ]);
    expect(bad.body.fields.locales).toContain('Elija al menos un idioma.');
    expect(bad.body.fields.adminEmail).toEqual([
      'Escriba un correo electrónico válido para el primer administrador, como nombre@example.org.',
    ]);
    const extra = await post(operator, '/api/console/v1/tenants', 'fr')
      .send({ surprise: 1 })
      .expect(400);
    expect(extra.body.fields.surprise).toEqual(["le champ surprise n'est pas attendu"]);
  });

  it('translates conflicts, missing things and roles, with their variable parts', async () => {
    const operator = await login('operator');
    const slug = uniqueSlug('i');
    const body = {
      name: 'Ville',
      slug,
      defaultLocale: 'fr',
      locales: ['fr'],
      adminEmail: 'mairie@example.org',
      adminName: 'Maire',
    };
    await post(operator, '/api/console/v1/tenants', 'fr').send(body).expect(202);
    const taken = await post(operator, '/api/console/v1/tenants', 'fr').send(body).expect(409);
    expect(taken.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: `Le slug « ${slug} » est déjà pris.`,
    });
    const missing = await http()
      .get('/api/console/v1/tenants/nosuchid')
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .set('Accept-Language', 'es')
      .expect(404);
    expect(missing.body.message).toBe('No hay ninguna organización con este identificador.');
    const viewer = await login('viewer');
    const refused = await post(viewer, '/api/console/v1/tenants', 'ca').send(body).expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Això requereix el rol operator o superior; vós sou viewer.',
    });
  });
});
