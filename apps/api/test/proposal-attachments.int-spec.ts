import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ProposalAttachmentEntity, ProposalEntity } from '@plaza/proposals';
import { CommentEntity, FollowEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { StoredFileEntity } from '@plaza/storage';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('Proposal attachments (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let author: TestSession;
  let fan: TestSession;
  let admin: TestSession;
  let intruder: TestSession;
  let spaceId: string;
  let componentId: string;
  let base: string;
  let png: Buffer;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const attach = (
    host: string,
    s: TestSession,
    path: string,
    file?: { buffer: Buffer; name: string },
    title = '',
  ) => {
    const r = http().post(`${path}/attachments`).set('Host', host).set('Cookie', s.cookie);
    r.field('_csrf', s.csrfToken).field('attachment_title', title);
    if (file) r.attach('attachment', file.buffer, file.name);
    return r;
  };
  const post = (host: string, s: TestSession, path: string) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrfToken });
  const page = (path: string, s?: TestSession) => {
    const r = http().get(path).set('Host', hostA());
    return (s ? r.set('Cookie', s.cookie) : r).expect(200);
  };
  const setAllowed = (allowed: boolean) =>
    inA((em) =>
      em.update(
        ComponentEntity,
        { id: componentId },
        { settings: { attachments_allowed: allowed } },
      ),
    );
  const links = (html: string) =>
    [...html.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> \(([^)]+)\)/g)].map((m) => ({
      url: m[1].replace(/&amp;/g, '&'),
      name: m[2],
      meta: m[3],
    }));

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr', 'es', 'ca'] });
    b = await platform.createTenant({ name: 'Beta' });
    author = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    fan = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    intruder = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    ({ spaceId, componentId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'files-plan',
          title: { en: 'Files plan' },
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
          stepSettings: { [phase.id]: { creation_enabled: true } },
        }),
      );
      return { spaceId: space.id, componentId: component.id };
    }));
    base = `/processes/files-plan/f/${componentId}/proposals`;
    png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: { r: 200, g: 20, b: 20 } },
    })
      .png()
      .toBuffer();
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lets admins always, and authors when the component allows it, attach checked files; B gets nothing', async () => {
    const created = await http()
      .post(base)
      .set('Host', hostA())
      .set('Cookie', author.cookie)
      .type('form')
      .send({
        _csrf: author.csrfToken,
        title: 'A new playground for the school',
        body: 'The old one is broken and unsafe.',
      })
      .expect(303);
    const here = created.headers.location as string;
    const proposalId = here.split('/').pop()!;

    // Not allowed by the component yet: the author sees no form and is refused.
    expect((await page(here, author)).text).not.toContain('Attach a file');
    const refused = await attach(hostA(), author, here, { buffer: PDF, name: 'plan.pdf' }).expect(
      303,
    );
    expect(refused.headers.location).toContain('attachment_error=notAllowed');

    // Admins may attach anyway.
    await attach(hostA(), admin, here, { buffer: PDF, name: 'plan.pdf' }, 'Site plan').expect(303);
    await setAllowed(true);
    await attach(hostA(), author, here, { buffer: png, name: 'photo.png' }).expect(303);
    const fake = await attach(hostA(), author, here, {
      buffer: Buffer.from('MZ this is a program'),
      name: 'virus.pdf',
    }).expect(303);
    expect(fake.headers.location).toContain('attachment_error=type');
    const shown = await page(fake.headers.location as string, author);
    expect(shown.text).toContain('role="alert"');
    expect(shown.text).toContain(
      'This type of file is not accepted. Accepted: PDF, PNG, JPG, GIF, WEBP.',
    );
    expect(shown.text).toContain('aria-invalid="true"');
    const missing = await attach(hostA(), author, here).expect(303);
    expect(missing.headers.location).toContain('attachment_error=missing');
    // Someone else cannot attach to the author's proposal.
    const other = await attach(hostA(), fan, here, { buffer: PDF, name: 'x.pdf' }).expect(303);
    expect(other.headers.location).toContain('attachment_error=notAllowed');

    const listed = links((await page(here)).text);
    expect(listed.map((l) => l.name)).toEqual(['Site plan', 'photo.png']);
    expect(listed[0].meta).toMatch(/^PDF, \d+ bytes$/);
    expect(listed[1].meta).toMatch(/^(PNG|WEBP), [\d.,]+ (bytes|KB)$/);
    const fr = await http()
      .get(here)
      .set('Host', hostA())
      .set('Cookie', 'plaza_locale=fr')
      .expect(200);
    expect(fr.text).toContain('Pièces jointes');
    expect(links(fr.text)[0].meta).toMatch(/^PDF, \d+ octets$/);

    const api = `/api/v1/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}`;
    const viaApi = await http().get(api).set('Host', hostA()).expect(200);
    expect(
      viaApi.body.attachments.map((x: { name: string; type: string }) => [x.name, x.type]),
    ).toEqual([
      ['Site plan', 'PDF'],
      ['photo.png', listed[1].meta.split(',')[0]],
    ]);
    expect(viaApi.body.attachments[0].url).toMatch(new RegExp(`^http://${hostA()}/`));
    await http().get(api).set('Host', hostB()).expect(404);
    const download = await http().get(listed[0].url).set('Host', hostA()).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    // A's file is not served under B's host, and B cannot add or remove attachments.
    const crossed = await http().get(listed[0].url).set('Host', hostB());
    expect([403, 404]).toContain(crossed.status);
    await attach(hostB(), intruder, here, { buffer: PDF, name: 'b.pdf' }).expect(404);
    const [first] = await inA((em) =>
      em.find(ProposalAttachmentEntity, { where: { proposalId }, order: { createdAt: 'ASC' } }),
    );
    await post(hostB(), intruder, `${here}/attachments/${first.id}/delete`).expect(404);
    await post(
      hostB(),
      intruder,
      `/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}/delete`,
    ).expect(404);
    expect(await inA((em) => em.countBy(ProposalAttachmentEntity, { proposalId }))).toBe(2);

    // The author cannot remove the admin's file, but removes their own (and its bytes).
    const mine = await inA((em) =>
      em.findOneByOrFail(ProposalAttachmentEntity, { proposalId, title: '' }),
    );
    const denied = await post(hostA(), author, `${here}/attachments/${first.id}/delete`).expect(
      303,
    );
    expect(denied.headers.location).toContain('attachment_error=notAllowed');
    await post(hostA(), author, `${here}/attachments/${mine.id}/delete`).expect(303);
    expect(await inA((em) => em.existsBy(StoredFileEntity, { id: mine.fileId }))).toBe(false);
    expect((await http().get(listed[1].url).set('Host', hostA())).status).toBe(404);

    // Deleting the proposal removes its files, comments and follows too.
    const authorId = (await inA((em) => em.findOneByOrFail(ProposalEntity, { id: proposalId })))
      .authorId!;
    await inA((em) =>
      em.insert(CommentEntity, {
        resourceType: 'proposal',
        resourceId: proposalId,
        authorId,
        body: 'Nice idea for the school.',
      }),
    );
    expect(
      await inA((em) =>
        em.countBy(FollowEntity, { resourceType: 'proposal', resourceId: proposalId }),
      ),
    ).toBe(1);
    await post(
      hostA(),
      admin,
      `/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}/delete`,
    ).expect(303);
    expect(await inA((em) => em.existsBy(ProposalEntity, { id: proposalId }))).toBe(false);
    expect(await inA((em) => em.existsBy(StoredFileEntity, { id: first.fileId }))).toBe(false);
    expect((await http().get(listed[0].url).set('Host', hostA())).status).toBe(404);
    expect(
      await inA((em) =>
        em.countBy(CommentEntity, { resourceType: 'proposal', resourceId: proposalId }),
      ),
    ).toBe(0);
    expect(
      await inA((em) =>
        em.countBy(FollowEntity, { resourceType: 'proposal', resourceId: proposalId }),
      ),
    ).toBe(0);
  });

  it('lets authors attach a file on the form that creates a proposal; a refused file keeps what they typed', async () => {
    const create = (
      host: string,
      s: TestSession,
      fields: Record<string, string>,
      file?: { buffer: Buffer; name: string },
    ) => {
      const r = http().post(base).set('Host', host).set('Cookie', s.cookie);
      r.field('_csrf', s.csrfToken);
      for (const [k, v] of Object.entries(fields)) r.field(k, v);
      if (file) r.attach('attachment', file.buffer, file.name);
      return r;
    };
    const files = () => inA((em) => em.count(StoredFileEntity));
    const byTitle = (title: string) => inA((em) => em.findOneBy(ProposalEntity, { title }));

    await setAllowed(false);
    const closed = await page(`${base}/new`, author);
    expect(closed.text).not.toContain('multipart/form-data');
    expect(closed.text).not.toContain('name="attachment"');

    await setAllowed(true);
    const open = await page(`${base}/new`, author);
    expect(open.text).toContain('enctype="multipart/form-data"');
    expect(open.text).toContain('<label for="attachment">File (optional)</label>');

    // A refused file: nothing is created or stored, the form comes back with what was typed.
    const before = await files();
    const typed = {
      title: 'Shade trees along the avenue',
      body: 'Plant plane trees along the whole avenue.',
      attachment_title: 'Tree map',
    };
    const refused = await create(hostA(), author, typed, {
      buffer: Buffer.from('MZ this is a program'),
      name: 'map.pdf',
    }).expect(422);
    expect(refused.text).toContain('value="Shade trees along the avenue"');
    expect(refused.text).toContain('Plant plane trees along the whole avenue.');
    expect(refused.text).toContain('value="Tree map"');
    expect(refused.text).toContain(
      'This type of file is not accepted. Accepted: PDF, PNG, JPG, GIF, WEBP.',
    );
    expect(refused.text).toContain('href="#attachment"');
    expect(refused.text).toMatch(/id="attachment"[^>]*aria-invalid="true"/);
    expect(await byTitle(typed.title)).toBeNull();
    expect(await files()).toBe(before);

    // A valid file with a form error is not kept either (the hint says to choose it again).
    const short = await create(
      hostA(),
      author,
      { ...typed, title: 'Too short' },
      {
        buffer: PDF,
        name: 'map.pdf',
      },
    ).expect(422);
    expect(short.text).toContain('If the form has to be corrected, choose the file again.');
    expect(await files()).toBe(before);

    // Accepted: the proposal is created with its attachment.
    const created = await create(hostA(), author, typed, { buffer: png, name: 'trees.png' }).expect(
      303,
    );
    const proposal = (await byTitle(typed.title))!;
    expect(created.headers.location).toBe(`${base}/${proposal.id}`);
    const rows = await inA((em) =>
      em.find(ProposalAttachmentEntity, { where: { proposalId: proposal.id } }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'Tree map', uploaderId: proposal.authorId });
    expect(links((await page(`${base}/${proposal.id}`)).text).map((l) => l.name)).toEqual([
      'Tree map',
    ]);
    // No file: a plain proposal, as before.
    await create(hostA(), author, {
      title: 'Benches along the avenue',
      body: 'Put a bench every hundred metres.',
    }).expect(303);

    // Tenant B knows nothing of A's component and stores nothing.
    const bFiles = await platform.get(TenantDb).runFor(b, (em) => em.count(StoredFileEntity));
    await create(hostB(), intruder, typed, { buffer: png, name: 'trees.png' }).expect(404);
    expect(await platform.get(TenantDb).runFor(b, (em) => em.count(StoredFileEntity))).toBe(bFiles);
  });
});
