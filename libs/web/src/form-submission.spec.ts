import type { FastifyReply } from 'fastify';

import { submitForm } from './form-submission';

function replyRecorder() {
  const redirects: [string, number][] = [];
  const reply = {
    redirect: (url: string, code: number) => {
      redirects.push([url, code]);
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, redirects };
}

describe('submitForm', () => {
  it('saves valid values and redirects with 303', async () => {
    const { reply, redirects } = replyRecorder();
    const saved: string[] = [];
    const rendered: unknown[] = [];
    await submitForm(reply, {
      read: () => 'Ada',
      save: async (name) => {
        saved.push(name);
        return '/done';
      },
      render: async (...args) => rendered.push(args),
    });
    expect(saved).toEqual(['Ada']);
    expect(redirects).toEqual([['/done', 303]]);
    expect(rendered).toEqual([]);
  });

  it('shows the form again with the values and errors, without saving', async () => {
    const { reply, redirects } = replyRecorder();
    const saved: string[] = [];
    const rendered: unknown[] = [];
    await submitForm(reply, {
      read: (errors) => {
        errors.name = ['Enter a name.'];
        return '';
      },
      save: async (name) => {
        saved.push(name);
        return '/done';
      },
      render: async (...args) => rendered.push(args),
    });
    expect(saved).toEqual([]);
    expect(redirects).toEqual([]);
    expect(rendered).toEqual([['', { name: ['Enter a name.'] }, 422]]);
  });

  it('shows the form again when saving refuses the values', async () => {
    const { reply, redirects } = replyRecorder();
    const rendered: unknown[] = [];
    await submitForm(reply, {
      read: () => 'taken',
      save: async (_, errors) => {
        errors.slug = 'Already taken.';
        return undefined;
      },
      render: async (...args) => rendered.push(args),
      invalidStatus: 400,
    });
    expect(redirects).toEqual([]);
    expect(rendered).toEqual([['taken', { slug: 'Already taken.' }, 400]]);
  });
});
