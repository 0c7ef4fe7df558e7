import { Injectable, OnModuleInit } from '@nestjs/common';

import { VerificationDecisions } from '@plaza/identity';

import { NotificationsService } from './notifications.service';

/** Verification decisions also reach the person as in-app notifications. */
@Injectable()
export class VerificationNotices implements OnModuleInit {
  constructor(
    private readonly decisions: VerificationDecisions,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.decisions.listen((d) =>
      this.notifications.notifyAccount(d.em, d.userId, {
        event: `verification_${d.status}`,
        resourceType: 'verification',
        resourceId: d.verificationId,
        title: d.methodName,
        url: d.url,
      }),
    );
  }
}
