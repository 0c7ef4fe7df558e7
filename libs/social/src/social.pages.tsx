import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SiteContextProvider } from '@plaza/spaces';
import {
  AdminLayout,
  AdminSections,
  CurrentUser,
  CurrentUsers,
  OnHost,
  PostButton,
  renderPage,
  RequireSignIn,
  SiteLayout,
} from '@plaza/web';

import { CommentsService } from './comments.service';
import { FollowsService } from './follows.service';
import { ModerationService } from './moderation.service';
import { NotificationsService } from './notifications.service';
import { Alignment, REPORT_REASONS, ReportReason } from './social.entities';
import { SocialRefusal } from './social.errors';
import { SocialKey, socialT } from './social.messages';

type FormBody = Record<string, unknown>;
type Translate = (key: SocialKey, params?: Record<string, string | number>) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only same-site paths are followed back, never another host. */
function backOf(body: FormBody): string {
  const back = str(body.back);
  return back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : '/';
}

function withError(back: string, code: SocialKey): string {
  const [path, hash] = back.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}social_error=${encodeURIComponent(code)}#${hash ?? 'comments'}`;
}

/** Comment, vote, report and follow forms; notifications; the moderators' queue. */
@Controller()
@OnHost('tenant')
export class SocialPages {
  constructor(
    private readonly comments: CommentsService,
    private readonly follows: FollowsService,
    private readonly moderation: ModerationService,
    private readonly notifications: NotificationsService,
    private readonly users: CurrentUsers,
    private readonly siteContext: SiteContextProvider,
    private readonly sections: AdminSections,
  ) {
    sections.add({
      href: '/admin/moderations',
      order: 70,
      label: (locale) => socialT(locale, 'moderation'),
    });
  }

  @Post('comments')
  @RequireSignIn()
  async comment(
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const back = backOf(body);
    const resourceId = str(body.resource_id);
    const parentId = str(body.parent_id);
    if (!UUID.test(resourceId) || (parentId && !UUID.test(parentId))) throw new NotFoundException();
    const alignment = Number(str(body.alignment) || '0');
    return this.act(reply, back, async () => {
      const c = await this.comments.add(
        str(body.resource_type),
        resourceId,
        await this.users.of(request),
        {
          body: str(body.body),
          alignment: ([-1, 0, 1].includes(alignment) ? alignment : 0) as Alignment,
          parentId: parentId || null,
        },
      );
      return `${back.split('#')[0]}#comment-${c.id}`;
    });
  }

  @Post('comments/:id/edit')
  @RequireSignIn()
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const back = backOf(body);
    return this.act(reply, back, async () => {
      await this.comments.edit(id, await this.users.of(request), str(body.body));
      return `${back.split('#')[0]}#comment-${id}`;
    });
  }

  @Post('comments/:id/delete')
  @RequireSignIn()
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const back = backOf(body);
    return this.act(reply, back, async () => {
      await this.comments.remove(id, await this.users.of(request));
      return back;
    });
  }

  @Post('comments/:id/vote')
  @RequireSignIn()
  async vote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const back = backOf(body);
    return this.act(reply, back, async () => {
      await this.comments.vote(id, await this.users.of(request), body.weight === 'down' ? -1 : 1);
      return `${back.split('#')[0]}#comment-${id}`;
    });
  }

  @Post('reports')
  @RequireSignIn()
  async report(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const back = backOf(body);
    const resourceId = str(body.resource_id);
    const reason = str(body.reason);
    if (!UUID.test(resourceId)) throw new NotFoundException();
    const type = str(body.resource_type);
    return this.act(reply, back, async () => {
      await this.moderation.report(
        type,
        resourceId,
        await this.users.of(request),
        ((REPORT_REASONS as readonly string[]).includes(reason) ? reason : 'other') as ReportReason,
        str(body.details).trim().slice(0, 1000) || null,
      );
      return back;
    });
  }

  @Post('follows')
  @RequireSignIn()
  async follow(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.toggleFollow(body, request, reply, true);
  }

  @Post('follows/delete')
  @RequireSignIn()
  async unfollow(
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.toggleFollow(body, request, reply, false);
  }

  @Get('notifications')
  @RequireSignIn()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    const t = (k: SocialKey, p?: Record<string, string>) => socialT(site.locale, k, p);
    const items = await this.notifications.list(user.id);
    const csrf = site.csrfToken ?? '';
    await this.send(
      reply,
      <SiteLayout site={site} title={t('notifications')}>
        <h1>{t('notifications')}</h1>
        {items.length === 0 ? (
          <p>{t('noNotifications')}</p>
        ) : (
          <>
            <ul class="card-list">
              {items.map((n) => (
                <li key={n.id}>
                  {!n.readAt && <span class="badge">●</span>}{' '}
                  <a href={n.url}>{t(`event.${n.event}` as SocialKey, { title: n.title })}</a>{' '}
                  <time dateTime={n.createdAt.toISOString()}>
                    {n.createdAt.toISOString().slice(0, 16).replace('T', ' ')}
                  </time>
                </li>
              ))}
            </ul>
            <PostButton action="/notifications/read" csrf={csrf}>
              {t('markRead')}
            </PostButton>
          </>
        )}
        <p>
          <a href="/account/notifications">{t('settings.title')}</a>
        </p>
      </SiteLayout>,
    );
  }

  @Post('notifications/read')
  @RequireSignIn()
  async read(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.notifications.markAllRead((await this.users.of(request))!.id);
    return reply.redirect('/notifications', 303);
  }

  @Get('admin/moderations')
  @RequireSignIn()
  async queue(
    @Query('blocked') blocked: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.renderQueue(
      request,
      reply,
      200,
      blocked === '1' ? (t) => t('authorBlockedNotice') : null,
      {},
    );
  }

  @Post('admin/moderations/:id/block')
  @RequireSignIn()
  async block(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = (await this.users.of(request))!;
    const reason = str(body[`reason-${id}`]).trim();
    if (!reason || reason.length > 500)
      return this.renderQueue(request, reply, 422, null, {
        [`reason-${id}`]: (t) => t('blockReasonRequired'),
      });
    await this.moderation.blockAuthor(id, user, reason);
    return reply.redirect('/admin/moderations?blocked=1', 303);
  }

  @Post('admin/moderations/:id/:action')
  @RequireSignIn()
  async moderate(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('action') action: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (action !== 'hide' && action !== 'unhide') throw new NotFoundException();
    await this.moderation.setHidden(id, (await this.users.of(request))!, action === 'hide');
    return reply.redirect('/admin/moderations', 303);
  }

  private async renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    notice: ((t: Translate) => string) | null,
    rawErrors: Record<string, (t: Translate) => string>,
  ) {
    const user = (await this.users.of(request))!;
    const items = await this.moderation.queue(user);
    const site = await this.siteContext.build(request);
    const t: Translate = (k, p) => socialT(site.locale, k, p);
    const errors = Object.fromEntries(Object.entries(rawErrors).map(([k, f]) => [k, f(t)]));
    const csrf = site.csrfToken ?? '';
    reply.code(status);
    await this.send(
      reply,
      <AdminLayout
        site={site}
        title={t('moderation')}
        sections={
          // Space moderators who are not admins see only what they can open.
          user.roles.includes('admin')
            ? this.sections.navFor(site.locale)
            : [{ href: '/admin/moderations', label: t('moderation') }]
        }
      >
        <h1>{t('moderation')}</h1>
        {Object.keys(errors).length > 0 && (
          <div class="error-summary" role="alert">
            <ul>
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <a href={`#field-${field}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice(t)}
          </p>
        )}
        {items.length === 0 ? (
          <p>{t('noModerations')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reportedContent')}</th>
                <th scope="col">{t('author')}</th>
                <th scope="col">{t('reportsColumn')}</th>
                <th scope="col">{t('statusColumn')}</th>
                <th scope="col">{t('actionsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const field = `reason-${m.id}`;
                return (
                  <tr key={m.id}>
                    <td>{m.title}</td>
                    <td>
                      {m.authorName ?? '—'}
                      {m.authorBlocked && <> ({t('authorBlocked')})</>}
                    </td>
                    <td>{t('reports', { count: m.reportCount })}</td>
                    <td>{t(m.hiddenAt ? 'hiddenStatus' : 'visibleStatus')}</td>
                    <td>
                      <PostButton
                        action={`/admin/moderations/${m.id}/${m.hiddenAt ? 'unhide' : 'hide'}`}
                        csrf={csrf}
                      >
                        {t(m.hiddenAt ? 'unhide' : 'hide')}
                      </PostButton>
                      {m.authorId && m.authorName && !m.authorBlocked && (
                        <form method="post" action={`/admin/moderations/${m.id}/block`}>
                          <input type="hidden" name="_csrf" value={csrf} />
                          <label for={`field-${field}`}>
                            {t('blockReason', { name: m.authorName })}
                          </label>
                          {errors[field] && (
                            <p class="field-error" id={`field-${field}-error`}>
                              {errors[field]}
                            </p>
                          )}
                          <input
                            type="text"
                            id={`field-${field}`}
                            name={field}
                            maxLength={500}
                            aria-invalid={errors[field] ? 'true' : undefined}
                            aria-describedby={errors[field] ? `field-${field}-error` : undefined}
                          />
                          <button type="submit">{t('blockAuthor')}</button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </AdminLayout>,
    );
  }

  private async toggleFollow(
    body: FormBody,
    request: FastifyRequest,
    reply: FastifyReply,
    on: boolean,
  ) {
    const back = backOf(body);
    const resourceId = str(body.resource_id);
    const type = str(body.resource_type);
    if (!UUID.test(resourceId)) throw new NotFoundException();
    const user = (await this.users.of(request)) as CurrentUser;
    // Describing the resource checks it exists in this tenant and is visible to the person.
    await this.comments.describeVisible(type, resourceId, user);
    if (on) await this.follows.follow(user.id, type, resourceId);
    else await this.follows.unfollow(user.id, type, resourceId);
    return reply.redirect(back, 303);
  }

  private async act(reply: FastifyReply, back: string, work: () => Promise<string>) {
    try {
      return reply.redirect(await work(), 303);
    } catch (error) {
      if (!(error instanceof SocialRefusal)) throw error;
      return reply.redirect(withError(back, error.code), 303);
    }
  }

  private async send(reply: FastifyReply, element: preact.VNode) {
    await reply.type('text/html; charset=utf-8').send(renderPage(element));
  }
}
