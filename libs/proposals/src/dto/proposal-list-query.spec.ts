import 'reflect-metadata';

import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';

import { createValidationPipe, FieldsException } from '@plaza/core';

import { ProposalListQuery, quickListQuery } from './proposal.dto';

const metadata: ArgumentMetadata = { type: 'query', metatype: ProposalListQuery };

/** Fastify's query string parser answers objects without a prototype. */
const query = (values: Record<string, string | string[] | undefined>) =>
  Object.assign(Object.create(null) as Record<string, unknown>, values);

/** The same options as the global pipe, without its quick path: class-validator's own answer. */
const classValidator = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

async function fieldsOf(input: Record<string, unknown>): Promise<Record<string, string[]>> {
  try {
    await createValidationPipe().transform(input, metadata);
  } catch (error) {
    if (error instanceof FieldsException) return error.fields;
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('the proposals list query quick parse', () => {
  it.each<Record<string, string>>([
    {},
    { page: '1', per_page: '20' },
    { page: '100000', per_page: '100' },
    { page: '7', order: 'random', seed: 'abc' },
    { state: 'accepted,evaluating', q: 'trees', order: 'most_supported' },
    {
      category: '3f1c3a52-9b8e-4a57-8d0e-2b8f3c4d5e6f',
      scope: 'F12C64CA-AA97-435D-964E-5E9572D5FDC1',
    },
    { q: '' },
  ])('answers what class-validator answers for %j', async (values) => {
    const quick = quickListQuery(query(values));
    expect(quick).toBeInstanceOf(ProposalListQuery);
    const slow: unknown = await classValidator.transform(query(values), metadata);
    expect(quick).toStrictEqual(slow);
    expect(quick?.page === undefined || typeof quick.page === 'number').toBe(true);
    // The global pipe takes the quick path (and, under tests, checks it against class-validator).
    await expect(createValidationPipe().transform(query(values), metadata)).resolves.toStrictEqual(
      slow,
    );
  });

  it.each([
    [{ page: '0' }, { page: ['page must be at least 1.'] }],
    [{ page: '1.5' }, { page: ['page must be a whole number.'] }],
    [{ page: '100001' }, { page: ['page must be at most 100000.'] }],
    [{ per_page: '101' }, { per_page: ['per_page must be at most 100.'] }],
    [{ per_page: 'x' }, { per_page: expect.arrayContaining(['per_page must be a whole number.']) }],
    [{ category: 'nope' }, { category: ['category must be a UUID.'] }],
    [{ order: 'oldest_first' }, { order: [expect.stringMatching(/^order must be one of: /)] }],
    [{ q: 'x'.repeat(201) }, { q: ['q must have at most 200 characters.'] }],
    [{ page: ['1', '2'] }, { page: expect.arrayContaining(['page must be a whole number.']) }],
    [{ admin: 'true' }, { admin: ['property admin should not exist'] }],
  ])('leaves %j to class-validator and its words', async (values, fields) => {
    expect(quickListQuery(query(values))).toBeUndefined();
    expect(await fieldsOf(query(values))).toEqual(fields);
  });

  it('leaves unusual spellings of valid numbers to class-validator', async () => {
    for (const page of [' 2', '02', '2e0', '0x2']) {
      expect(quickListQuery(query({ page }))).toBeUndefined();
      const slow = (await classValidator.transform(query({ page }), metadata)) as ProposalListQuery;
      expect(slow.page).toBe(2);
    }
  });
});
