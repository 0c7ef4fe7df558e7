import { shareT } from './share.messages';

/**
 * Copies the link with the Clipboard API (or the selected field where it is
 * missing), offers the Web Share API when the browser has it, and says what
 * happened in a live region. Without JavaScript the field and links still work.
 */
const SHARE_SCRIPT = `(function(){
var box=document.currentScript&&document.currentScript.closest('.share');if(!box)return;
var field=box.querySelector('[data-share-url]');var status=box.querySelector('[data-share-status]');
var copy=box.querySelector('[data-share-copy]');var native=box.querySelector('[data-share-native]');
box.querySelector('[data-share-tools]').hidden=false;
function say(text){status.textContent='';setTimeout(function(){status.textContent=text;},50);}
function fallback(){field.focus();field.select();var ok=false;try{ok=document.execCommand('copy');}catch(e){}say(ok?copy.dataset.copied:copy.dataset.failed);}
copy.addEventListener('click',function(){
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(field.value).then(function(){say(copy.dataset.copied);},fallback);}else{fallback();}
});
if(navigator.share){native.hidden=false;native.addEventListener('click',function(){navigator.share({title:native.dataset.title,url:field.value}).catch(function(){});});}
})();`;

/** Where a page can be shared, with no third-party script: plain links that work without JS. */
export function shareLinks(url: string, title: string, locale: string) {
  const t = (key: 'on' | 'email', network = '') => shareT(locale, key, { network });
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  return [
    {
      href: `mailto:?subject=${text}&body=${encodeURIComponent(`${title}\n${url}`)}`,
      label: t('email'),
    },
    { href: `https://x.com/intent/post?text=${text}&url=${u}`, label: t('on', 'X') },
    { href: `https://www.facebook.com/sharer/sharer.php?u=${u}`, label: t('on', 'Facebook') },
    {
      href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`,
      label: t('on', 'WhatsApp'),
    },
    { href: `https://t.me/share/url?url=${u}&text=${text}`, label: t('on', 'Telegram') },
  ];
}

/** The share box of a space or proposal page: link field, copy button, share links, free text. */
export function ShareBox(props: { url: string; title: string; locale: string; nonce: string }) {
  const { url, title, locale } = props;
  const t = (key: 'title' | 'link' | 'copy' | 'copied' | 'copyFailed' | 'native' | 'text') =>
    shareT(locale, key);
  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title">{t('title')}</h2>
      <div class="field">
        <label for="share-url">{t('link')}</label>
        <input id="share-url" type="text" readOnly value={url} data-share-url />
      </div>
      <p data-share-tools hidden>
        <button
          type="button"
          data-share-copy
          data-copied={t('copied')}
          data-failed={t('copyFailed')}
        >
          {t('copy')}
        </button>{' '}
        <button type="button" data-share-native data-title={title} hidden>
          {t('native')}
        </button>
      </p>
      <p role="status" data-share-status></p>
      <ul>
        {shareLinks(url, title, locale).map((l) => (
          <li key={l.href}>
            <a href={l.href} rel="noopener noreferrer">
              {l.label}
            </a>
          </li>
        ))}
      </ul>
      <div class="field">
        <label for="share-text">{t('text')}</label>
        <textarea id="share-text" readOnly rows={3}>
          {`${title}\n${url}`}
        </textarea>
      </div>
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: SHARE_SCRIPT }} />
    </section>
  );
}
