import { BILLING_ENTITIES } from '@plaza/billing';
import {
  ApiTokenEntity,
  AuditEventEntity,
  ConsoleUserEntity,
  PlanEntity,
  TenantDeletionEntity,
  TenantMailSettingsEntity,
  TenantPlanOverrideEntity,
  TenantUsageEntity,
} from '@plaza/console';
import {
  ActionLogEntity,
  DataExportEntity,
  IDENTITY_USAGE_COUNTERS,
  PersonalTokenEntity,
  seedFirstAdmin,
  UserEntity,
  UserTokenEntity,
  VerificationEntity,
} from '@plaza/identity';
import { MAIL_USAGE_COUNTERS, MailSentCountEntity } from '@plaza/mail';
import {
  ProposalAttachmentEntity,
  ProposalEndorsementEntity,
  ProposalEntity,
  ProposalNoteEntity,
  PROPOSALS_USAGE_COUNTERS,
  ProposalStateEntity,
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
  SOCIAL_USAGE_COUNTERS,
} from '@plaza/social';
import {
  AssemblyMemberEntity,
  ComponentEntity,
  ProcessGroupEntity,
  ScopeEntity,
  ScopeTypeEntity,
  SpaceCategoryEntity,
  SpaceEntity,
  SpacePhaseEntity,
  SpaceRoleEntity,
  SPACES_USAGE_COUNTERS,
} from '@plaza/spaces';
import { STORAGE_USAGE_COUNTERS, StoredFileEntity } from '@plaza/storage';
import {
  OrganizationEntity,
  SchemaCatalog,
  seedOrganization,
  TenantDomainEntity,
  TenantEntity,
  TenantSeeder,
} from '@plaza/tenancy';
import {
  AppearanceEntity,
  ContentBlockEntity,
  seedAppearance,
  seedDefaultPages,
  StaticPageEntity,
  StaticPageTopicEntity,
} from '@plaza/theming';

import { PLATFORM_MIGRATIONS } from './platform';
import { TENANT_MIGRATIONS } from './tenant';

/**
 * The composition of Plaza's schema: every entity and migration, platform and
 * tenant. Apps, the CLI and the drift check all read this one list.
 */
export const SCHEMA: SchemaCatalog = {
  platformEntities: [
    TenantEntity,
    TenantDomainEntity,
    ConsoleUserEntity,
    ApiTokenEntity,
    AuditEventEntity,
    TenantDeletionEntity,
    PlanEntity,
    TenantPlanOverrideEntity,
    TenantUsageEntity,
    TenantMailSettingsEntity,
    ...BILLING_ENTITIES,
  ],
  tenantEntities: [
    OrganizationEntity,
    UserEntity,
    UserTokenEntity,
    VerificationEntity,
    PersonalTokenEntity,
    DataExportEntity,
    ActionLogEntity,
    StaticPageEntity,
    StoredFileEntity,
    StaticPageTopicEntity,
    AppearanceEntity,
    ContentBlockEntity,
    ProcessGroupEntity,
    ScopeTypeEntity,
    ScopeEntity,
    SpaceEntity,
    SpacePhaseEntity,
    AssemblyMemberEntity,
    ComponentEntity,
    SpaceRoleEntity,
    SpaceCategoryEntity,
    ProposalEntity,
    ProposalSupportEntity,
    ProposalEndorsementEntity,
    ProposalVersionEntity,
    ProposalStateEntity,
    ProposalValuatorEntity,
    ProposalNoteEntity,
    ProposalAttachmentEntity,
    CommentEntity,
    CommentVoteEntity,
    FollowEntity,
    NotificationEntity,
    NotificationPreferenceEntity,
    ModerationEntity,
    ReportEntity,
    MailSentCountEntity,
  ],
  platformMigrations: PLATFORM_MIGRATIONS,
  tenantMigrations: TENANT_MIGRATIONS,
  usageCounters: [
    ...IDENTITY_USAGE_COUNTERS,
    ...STORAGE_USAGE_COUNTERS,
    ...SPACES_USAGE_COUNTERS,
    ...PROPOSALS_USAGE_COUNTERS,
    ...SOCIAL_USAGE_COUNTERS,
    ...MAIL_USAGE_COUNTERS,
  ],
};

/** Default data of a new tenant, in order. */
export const TENANT_SEEDERS: TenantSeeder[] = [
  seedOrganization,
  seedDefaultPages,
  seedAppearance,
  seedFirstAdmin,
];
