import { Injectable, OnModuleInit } from '@nestjs/common';

import { TenantProvisionedHooks } from '@plaza/tenancy';

import { InvitationsService } from './invitations.service';

/** After provisioning, the admin named at creation receives an invitation email. */
@Injectable()
export class FirstAdminInvitation implements OnModuleInit {
  constructor(
    private readonly hooks: TenantProvisionedHooks,
    private readonly invitations: InvitationsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('identity:first-admin-invitation', async (tenant) => {
      await this.invitations.inviteWaitingAdmins(tenant);
    });
  }
}
