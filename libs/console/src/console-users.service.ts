import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

import { EntityManager, Not } from 'typeorm';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /** Changes role or name; the console always keeps at least one owner. */
  async update(
    id: string,
    changes: { role?: ConsoleRole; name?: string },
  ): Promise<{ before: ConsoleUserEntity; after: ConsoleUserEntity }> {
    return this.platformDb.transaction(async (em) => {
      const before = await this.lockedUser(em, id);
      if (changes.role && changes.role !== 'owner' && before.role === 'owner') {
        await this.assertAnotherOwner(em, id);
      }
      await em.update(
        ConsoleUserEntity,
        { id },
        {
          ...(changes.role ? { role: changes.role } : {}),
          ...(changes.name ? { name: changes.name.trim() } : {}),
        },
      );
      const after = await em.findOneByOrFail(ConsoleUserEntity, { id });
      return { before, after };
    });
  }

  async remove(id: string): Promise<ConsoleUserEntity> {
    return this.platformDb.transaction(async (em) => {
      const user = await this.lockedUser(em, id);
      if (user.role === 'owner') await this.assertAnotherOwner(em, id);
      await em.delete(ConsoleUserEntity, { id });
      return user;
    });
  }

  private async lockedUser(em: EntityManager, id: string): Promise<ConsoleUserEntity> {
    // Owners are locked together so two owners cannot demote each other at once.
    await em.query("select pg_advisory_xact_lock(hashtext('plaza-console-owners'))");
    const user = UUID.test(id) ? await em.findOneBy(ConsoleUserEntity, { id }) : null;
    if (!user) throw new NotFoundException('There is no such console user.');
    return user;
  }

  private async assertAnotherOwner(em: EntityManager, id: string): Promise<void> {
    const owners = await em.countBy(ConsoleUserEntity, { role: 'owner', id: Not(id) });
    if (owners === 0) {
      throw new ConflictException(
        'The console needs at least one owner; make someone else owner first.',
      );
    }
  }

  list(): Promise<ConsoleUserEntity[]> {
    return this.platformDb.manager.find(ConsoleUserEntity, { order: { createdAt: 'ASC' } });
  }
}
