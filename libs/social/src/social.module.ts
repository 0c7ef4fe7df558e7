import { Module } from '@nestjs/common';

import { MailModule } from '@plaza/mail';
import { SpacesModule } from '@plaza/spaces';

import { CommentContributions } from './comment-contributions';
import { CommentsApiController } from './comments.api.controller';
import { CommentsService } from './comments.service';
import { FollowsService } from './follows.service';
import { ModerationService } from './moderation.service';
import { NotificationDigestJob } from './notification-digest.job';
import { NotificationSettingsPages } from './notification-settings.pages';
import { NotificationsService } from './notifications.service';
import { ParticipationSettingsPages } from './participation-settings.pages';
import { SocialPages } from './social.pages';
import { SocialPersonalData } from './social-personal-data';
import { SocialResources } from './social-resources';
import { SpaceSocial } from './space-social';
import { VerificationNotices } from './verification-notices';

/** Comments, follows, notifications and moderation for any registered resource. */
@Module({
  imports: [SpacesModule, MailModule],
  controllers: [
    SocialPages,
    CommentsApiController,
    NotificationSettingsPages,
    ParticipationSettingsPages,
  ],
  providers: [
    SocialResources,
    CommentsService,
    FollowsService,
    NotificationsService,
    ModerationService,
    SpaceSocial,
    CommentContributions,
    SocialPersonalData,
    VerificationNotices,
  ],
  exports: [
    SocialResources,
    CommentsService,
    FollowsService,
    NotificationsService,
    ModerationService,
  ],
})
export class SocialModule {}

/** Worker side: digest emails. */
@Module({
  imports: [MailModule],
  providers: [NotificationDigestJob, SocialPersonalData],
})
export class SocialJobsModule {}
