import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';

import { hashPassword, passwordProblem } from '@plaza/core';
import { PlatformDb } from '@plaza/tenancy';

import { CONSOLE_ROLES, ConsoleRole, ConsoleUserEntity } from './console-user.entity';

export interface NewConsoleUser {
  email: string;
  password: string;
  name?: string;
  role?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@Injectable()
export class ConsoleUsersService {
  constructor(private readonly platformDb: PlatformDb) {}

  async create(input: NewConsoleUser): Promise<ConsoleUserEntity> {
    const fields: Record<string, string[]> = {};
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) fields.email = ['Enter a valid email address, like name@example.org.'];
    const problem = passwordProblem(input.password);
    if (problem) fields.password = [problem];
    const role = (input.role ?? 'owner') as ConsoleRole;
    if (!CONSOLE_ROLES.includes(role))
      fields.role = [`The role must be one of ${CONSOLE_ROLES.join(', ')}.`];
    if (Object.keys(fields).length) {
      throw new UnprocessableEntityException({
        message: 'The console user cannot be created as given.',
        fields,
      });
    }
    const existing = await this.platformDb.manager.findOne(ConsoleUserEntity, { where: { email } });
    if (existing) throw new ConflictException(`A console user with email ${email} already exists.`);
    const user = this.platformDb.manager.create(ConsoleUserEntity, {
      email,
      name: input.name?.trim() || email.split('@')[0],
      passwordHash: await hashPassword(input.password),
      role,
    });
    return this.platformDb.manager.save(user);
  }

  list(): Promise<ConsoleUserEntity[]> {
    return this.platformDb.manager.find(ConsoleUserEntity, { order: { createdAt: 'ASC' } });
  }
}
