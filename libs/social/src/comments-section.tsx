import { authorLabel, AuthorName } from '@plaza/identity';
import { Avatar } from '@plaza/web';

import type { CommentView } from './comments.service';
import { REPORT_REASONS } from './social.entities';
import { SocialKey, socialT } from './social.messages';

export interface CommentsSectionProps {
  locale: string;
  csrf: string;
  resourceType: string;
  resourceId: string;
  /** Same-site path to come back to after each action. */
  back: string;
  threads: CommentView[];
  userId: string | null;
  open: boolean;
  maxLength: number;
  error?: SocialKey | null;
  /** Where to get the verification commenting requires here, when the person lacks it. */
  verifyAt?: string | null;
}

const MAX_DEPTH = 2;

function Hidden(props: Record<string, string>) {
  return (
    <>
      {Object.entries(props).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** Threads with forms that work without JavaScript. */
export function CommentsSection(props: CommentsSectionProps) {
  const t = (k: SocialKey, p?: Record<string, string | number>) => socialT(props.locale, k, p);
  const common = { _csrf: props.csrf, back: props.back };
  const form = (parentId: string | null) => {
    const id = parentId ? `reply-${parentId}` : 'new-comment';
    return (
      <form method="post" action="/comments" class="comment-form">
        <Hidden
          {...common}
          resource_type={props.resourceType}
          resource_id={props.resourceId}
          parent_id={parentId ?? ''}
        />
        <div class="field">
          <label for={`${id}-body`}>{t('yourComment')}</label>
          <p class="hint" id={`${id}-hint`}>
            {t('commentHint', { max: props.maxLength })}
          </p>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={3}
            maxLength={props.maxLength}
            aria-describedby={`${id}-hint`}
            required
          />
        </div>
        {!parentId && (
          <fieldset>
            <legend>{t('alignment')}</legend>
            {(['1', '0', '-1'] as const).map((a) => (
              <span key={a}>
                <input
                  type="radio"
                  id={`${id}-al-${a}`}
                  name="alignment"
                  value={a}
                  checked={a === '0'}
                />
                <label for={`${id}-al-${a}`}>{t(`alignment.${a}`)}</label>{' '}
              </span>
            ))}
          </fieldset>
        )}
        <button type="submit">{parentId ? t('reply') : t('publish')}</button>
      </form>
    );
  };
  const render = (c: CommentView) => (
    <li key={c.id} id={`comment-${c.id}`}>
      <article aria-label={c.author ? authorLabel(c.author, props.locale) : t('comments')}>
        {c.hidden ? (
          <p>
            <em>{t('hidden')}</em>
          </p>
        ) : c.deleted ? (
          <p>
            <em>{t('deleted')}</em>
          </p>
        ) : (
          <>
            <p class="with-avatar">
              <Avatar
                name={c.author ? authorLabel(c.author, props.locale) : ''}
                url={c.authorAvatarUrl}
              />
              <strong>{c.author && <AuthorName author={c.author} locale={props.locale} />}</strong>
              {c.alignment !== 0 && (
                <span class="badge">{t(`alignment.${c.alignment}` as SocialKey)}</span>
              )}
              {c.edited && <> ({t('edited')})</>}
            </p>
            <p>{c.body}</p>
            {props.userId && (
              <p>
                {(['up', 'down'] as const).map((w) => (
                  <form key={w} method="post" action={`/comments/${c.id}/vote`} class="inline">
                    <Hidden {...common} weight={w} />
                    <button type="submit">
                      {t(w === 'up' ? 'upVote' : 'downVote', {
                        count: w === 'up' ? c.upVotes : c.downVotes,
                      })}
                    </button>
                  </form>
                ))}
              </p>
            )}
            {props.userId === c.authorId && (
              <details>
                <summary>{t('edit')}</summary>
                <form method="post" action={`/comments/${c.id}/edit`}>
                  <Hidden {...common} />
                  <label for={`edit-${c.id}`}>{t('yourComment')}</label>
                  <textarea id={`edit-${c.id}`} name="body" rows={3} maxLength={props.maxLength}>
                    {c.body ?? ''}
                  </textarea>
                  <button type="submit">{t('save')}</button>
                </form>
                <form method="post" action={`/comments/${c.id}/delete`}>
                  <Hidden {...common} />
                  <button type="submit">{t('delete')}</button>
                </form>
              </details>
            )}
            {props.userId && props.userId !== c.authorId && (
              <details>
                <summary>{t('report')}</summary>
                <ReportForm
                  locale={props.locale}
                  csrf={props.csrf}
                  back={props.back}
                  type="comment"
                  id={c.id}
                />
              </details>
            )}
            {props.userId && props.open && !props.verifyAt && c.depth < MAX_DEPTH && (
              <details>
                <summary>{t('reply')}</summary>
                {form(c.id)}
              </details>
            )}
          </>
        )}
      </article>
      {c.replies.length > 0 && <ol class="comment-replies">{c.replies.map(render)}</ol>}
    </li>
  );
  return (
    <section id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('comments')}</h2>
      {props.error && (
        <div class="error-summary" role="alert">
          <p>{t(props.error, { max: props.maxLength })}</p>
          {props.error === 'error.verificationRequired' && (
            <p>
              <a href="/account/verifications">{t('verifyLink')}</a>
            </p>
          )}
        </div>
      )}
      {props.threads.length === 0 ? (
        <p>{t('noComments')}</p>
      ) : (
        <ol class="comment-list">{props.threads.map(render)}</ol>
      )}
      {props.userId && props.open && props.verifyAt && (
        <div class="notice">
          <p>{t('error.verificationRequired')}</p>
          <p>
            <a href={props.verifyAt}>{t('verifyLink')}</a>
          </p>
        </div>
      )}
      {props.userId && props.open && !props.verifyAt && (
        <>
          <h3>{t('addComment')}</h3>
          {form(null)}
        </>
      )}
    </section>
  );
}

export function ReportForm(props: {
  locale: string;
  csrf: string;
  back: string;
  type: string;
  id: string;
}) {
  const t = (k: SocialKey) => socialT(props.locale, k);
  const prefix = `report-${props.type}-${props.id}`;
  return (
    <form method="post" action="/reports">
      <Hidden
        _csrf={props.csrf}
        back={props.back}
        resource_type={props.type}
        resource_id={props.id}
      />
      <fieldset>
        <legend>{t('reason')}</legend>
        {REPORT_REASONS.map((r) => (
          <span key={r}>
            <input
              type="radio"
              id={`${prefix}-${r}`}
              name="reason"
              value={r}
              checked={r === 'spam'}
            />
            <label for={`${prefix}-${r}`}>{t(`reason.${r}`)}</label>{' '}
          </span>
        ))}
      </fieldset>
      <label for={`${prefix}-details`}>{t('details')}</label>
      <textarea id={`${prefix}-details`} name="details" rows={2} maxLength={1000} />
      <button type="submit">{t('report')}</button>
    </form>
  );
}

export function FollowButton(props: {
  locale: string;
  csrf: string;
  back: string;
  type: string;
  id: string;
  following: boolean;
}) {
  return (
    <form method="post" action={props.following ? '/follows/delete' : '/follows'} class="inline">
      <Hidden
        _csrf={props.csrf}
        back={props.back}
        resource_type={props.type}
        resource_id={props.id}
      />
      <button type="submit">
        {socialT(props.locale, props.following ? 'unfollow' : 'follow')}
      </button>
    </form>
  );
}
