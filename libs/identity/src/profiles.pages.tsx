import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { TenantDb } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import { OnHost } from '@plaza/web';

import { MessageView } from './accounts.views';
import { Avatars } from './avatars.service';
import { sendPage } from './page-kit';
import { profileT } from './profile.messages';
import { ProfileView } from './profile.views';
import { PublicContributions } from './public-contributions';
import { UserEntity } from './user.entity';

/** Public profiles: name, nickname, picture and what the person published in public. */
@Controller('profiles')
@OnHost('tenant')
export class ProfilesController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly tenantDb: TenantDb,
    private readonly avatars: Avatars,
    private readonly contributions: PublicContributions,
  ) {}

  @Get(':nickname')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('nickname') nickname: string,
  ): Promise<void> {
    const site = await this.siteContext.build(request);
    const found = await this.tenantDb.run(async (em) => {
      const user = await em
        .createQueryBuilder(UserEntity, 'u')
        .where('lower(u.nickname) = lower(:nickname)', { nickname: nickname.slice(0, 40) })
        .andWhere('u.deleted_at is null and u.blocked_at is null and u.confirmed_at is not null')
        .getOne();
      if (!user) return null;
      return {
        user,
        avatarUrl: await this.avatars.url(em, user.avatarFileId),
        contributions: await this.contributions.of(em, user.id, site.locale),
      };
    });
    if (!found) {
      const title = profileT(site.locale, 'profile.notFound');
      return sendPage(
        reply,
        HttpStatus.NOT_FOUND,
        <MessageView site={site} title={title} message={title} />,
      );
    }
    await sendPage(
      reply,
      HttpStatus.OK,
      <ProfileView
        site={site}
        name={found.user.name}
        nickname={found.user.nickname}
        avatarUrl={found.avatarUrl}
        contributions={found.contributions}
      />,
    );
  }
}
