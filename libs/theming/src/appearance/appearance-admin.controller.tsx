import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { formatBytes } from '@plaza/storage';
import {
  AdminLayout,
  adminT,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  fieldId,
  FileField,
  formString,
  hasFieldErrors,
  OnHost,
  renderPage,
  RequireAdmin,
  SelectField,
  submitForm,
  TextArea,
  TextField,
  uploadedFile,
} from '@plaza/web';

import { AdminPage } from '../admin/admin-page';
import { ThemingKey, themingT } from '../theming.messages';
import {
  APPEARANCE_IMAGES,
  AppearanceEntity,
  AppearanceImage,
  SOCIAL_NETWORKS,
  SocialNetwork,
} from './appearance.entity';
import {
  APPEARANCE_IMAGE_MAX_BYTES,
  AppearanceService,
  ImageRefusedError,
} from './appearance.service';
import { accessibleShade, contrastRatio, formatRatio, isHexColor, WCAG_AA_TEXT } from './contrast';
import { CUSTOM_CSS_MAX_BYTES, customCssProblems } from './custom-css';
import { FONT_IDS, FONTS, isFontId } from './fonts';

const COLORS = ['primaryColor', 'secondaryColor', 'tertiaryColor'] as const;
type ColorField = (typeof COLORS)[number];
const COLOR_LABELS: Record<ColorField, ThemingKey> = {
  primaryColor: 'appearance.primary',
  secondaryColor: 'appearance.secondary',
  tertiaryColor: 'appearance.tertiary',
};
const IMAGE_LABELS: Record<AppearanceImage, ThemingKey> = {
  logo: 'appearance.logo',
  favicon: 'appearance.favicon',
  heroImage: 'appearance.heroImage',
  footerLogo: 'appearance.footerLogo',
};
const SOCIAL_LABELS: Record<SocialNetwork, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
};
const HANDLE = /^@?[A-Za-z0-9._-]{1,100}(@[A-Za-z0-9.-]{1,200})?$/;

/** The values the form shows: the saved ones, or what the admin just sent. */
type FormValues = Pick<
  AppearanceEntity,
  ColorField | 'font' | 'officialUrl' | 'social' | 'customCss'
>;

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || value.length > 500) return false;
  try {
    return !!new URL(value).host;
  } catch {
    return false;
  }
}

/**
 * A small enhancement: recomputes the contrast while the admin types and
 * recolours the preview with colours that pass. The form and its checks work
 * the same without it.
 */
const PREVIEW_SCRIPT = `(function(){
var form=document.getElementById('appearance-form'),preview=document.getElementById('appearance-preview');
if(!form||!preview)return;
function lin(c){c/=255;return c<=0.03928?c/12.92:Math.pow((c+0.055)/1.055,2.4)}
function lum(h){var n=parseInt(h.slice(1),16);return 0.2126*lin((n>>16)&255)+0.7152*lin((n>>8)&255)+0.0722*lin(n&255)}
['primaryColor','secondaryColor','tertiaryColor'].forEach(function(name){
var input=form.elements[name],out=document.getElementById(name+'-ratio');
if(!input||!out)return;
input.addEventListener('input',function(){
var v=input.value.trim();if(!/^#[0-9a-fA-F]{6}$/.test(v))return;
var r=(1.05)/(lum(v)+0.05);
if(r>=4.5)preview.style.setProperty('--preview-'+name,v);
out.textContent=out.getAttribute('data-template').replace('{ratio}',(Math.floor(r*100)/100).toFixed(2));
});});})();`;

/** /admin/appearance: colours, images, font, links, social handles and custom CSS. */
@Controller('admin/appearance')
@OnHost('tenant')
@RequireAdmin()
export class AppearanceAdminController {
  constructor(
    private readonly adminPage: AdminPage,
    private readonly appearance: AppearanceService,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const current = await this.appearance.get();
    await this.render(request, reply, current, current, {}, saved === '1');
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const current = await this.appearance.get();
    const { site } = await this.adminPage.of(request);
    const t = (key: ThemingKey, params?: Record<string, string>) =>
      themingT(site.locale, key, params);
    await submitForm(reply, {
      read: (errors) => {
        const values: FormValues = {
          primaryColor: formString(body, 'primaryColor').toLowerCase(),
          secondaryColor: formString(body, 'secondaryColor').toLowerCase(),
          tertiaryColor: formString(body, 'tertiaryColor').toLowerCase(),
          font: formString(body, 'font') || 'system',
          officialUrl: formString(body, 'officialUrl') || null,
          social: {},
          customCss: current.customCssAllowed ? String(body.customCss ?? '') : current.customCss,
        };
        for (const field of COLORS) {
          const value = values[field];
          if (!isHexColor(value)) errors[field] = [t('appearance.colorInvalid')];
          else if (contrastRatio(value, '#ffffff') < WCAG_AA_TEXT)
            errors[field] = [
              t('appearance.contrastRefused', {
                ratio: formatRatio(contrastRatio(value, '#ffffff')),
                suggestion: accessibleShade(value, '#ffffff'),
              }),
            ];
        }
        if (!isFontId(values.font)) values.font = 'system';
        if (values.officialUrl && !isHttpUrl(values.officialUrl))
          errors.officialUrl = [t('appearance.urlInvalid')];
        for (const network of SOCIAL_NETWORKS) {
          const handle = formString(body, `social.${network}`);
          if (!handle) continue;
          values.social[network] = handle;
          if (!HANDLE.test(handle) && !isHttpUrl(handle))
            errors[`social.${network}`] = [t('appearance.socialInvalid')];
        }
        if (current.customCssAllowed && values.customCss.trim()) {
          const problems = customCssProblems(values.customCss);
          if (problems.length)
            errors.customCss = problems.map((p) =>
              t(`css.${p}`, { size: formatBytes(CUSTOM_CSS_MAX_BYTES) }),
            );
        }
        return values;
      },
      save: async (values, errors) => {
        const images: Partial<Record<AppearanceImage, string | null>> = {};
        const uploaded: string[] = [];
        for (const name of APPEARANCE_IMAGES) {
          const file = uploadedFile(body, name);
          if (file) {
            try {
              const stored = await this.appearance.uploadImage(file, site.locale);
              uploaded.push(stored.id);
              images[name] = stored.id;
            } catch (error) {
              if (!(error instanceof ImageRefusedError)) throw error;
              errors[name] = [error.userMessage];
            }
          } else if (formString(body, `remove.${name}`) === '1') {
            images[name] = null;
          }
        }
        if (hasFieldErrors(errors)) {
          await this.appearance.deleteImages(uploaded);
          return undefined;
        }
        await this.appearance.save({ ...values, customCss: values.customCss.trim(), ...images });
        await this.appearance.deleteImages(
          APPEARANCE_IMAGES.filter((n) => n in images && current[n] !== images[n]).map(
            (n) => current[n],
          ),
        );
        return '/admin/appearance?saved=1';
      },
      render: (values, errors, status) =>
        this.render(request, reply, current, values, errors, false, status),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    current: AppearanceEntity,
    values: FormValues,
    errors: FieldErrors,
    saved: boolean,
    status = 200,
  ): Promise<void> {
    const { site, sections, heroImageUrl } = await this.adminPage.of(request);
    const t = (key: ThemingKey, params?: Record<string, string>) =>
      themingT(site.locale, key, params);
    const title = t('section.appearance');
    // The preview never shows a refused colour: it would make the page itself unreadable.
    const passes = (value: string) =>
      isHexColor(value) && contrastRatio(value, '#ffffff') >= WCAG_AA_TEXT;
    const previewColor = (field: ColorField) =>
      passes(values[field]) ? values[field] : current[field];
    const typedColor = (field: ColorField) =>
      isHexColor(values[field]) ? values[field] : current[field];
    const previewCss = `#appearance-preview{--preview-primaryColor:${previewColor('primaryColor')};--preview-secondaryColor:${previewColor('secondaryColor')};--preview-tertiaryColor:${previewColor('tertiaryColor')};border:1px solid #ccc;padding:1rem;margin-bottom:1.5rem}
#appearance-preview a{color:var(--preview-primaryColor)}
#appearance-preview .button{background:var(--preview-primaryColor);color:#fff}
#appearance-preview .secondary-sample{color:var(--preview-secondaryColor);font-weight:700}
#appearance-preview .tertiary-sample{color:var(--preview-tertiaryColor);font-weight:700}
.current-image{max-height:4rem;max-width:12rem;display:block;margin:.25rem 0}`;
    const imageUrls: Record<AppearanceImage, string | null | undefined> = {
      logo: site.logoUrl,
      favicon: site.faviconUrl,
      footerLogo: site.footerLogoUrl,
      heroImage: heroImageUrl,
    };
    const html = renderPage(
      <AdminLayout
        site={{ ...site, themeCss: `${site.themeCss ?? ''}${previewCss}` }}
        title={title}
        sections={sections}
      >
        <h1>{title}</h1>
        {saved && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        <form
          id="appearance-form"
          method="post"
          action="/admin/appearance"
          enctype="multipart/form-data"
          noValidate
        >
          <CsrfField token={site.csrfToken} />
          <h2>{t('appearance.colors')}</h2>
          {COLORS.map((field) => (
            <div key={field}>
              <TextField
                name={field}
                label={t(COLOR_LABELS[field])}
                hint={t('appearance.colorHint')}
                value={values[field]}
                errors={errors}
                maxLength={7}
              />
              <p>
                <output
                  id={`${field}-ratio`}
                  for={fieldId(field)}
                  aria-live="polite"
                  data-template={t('appearance.contrastLive', { ratio: '{ratio}' })}
                >
                  {t('appearance.contrastLive', {
                    ratio: formatRatio(contrastRatio(typedColor(field), '#ffffff')),
                  })}
                </output>
              </p>
            </div>
          ))}
          <section id="appearance-preview" aria-labelledby="preview-title">
            <h3 id="preview-title">{t('appearance.preview')}</h3>
            <p>{t('appearance.previewText')}</p>
            <p>
              <a href="#appearance-preview">{t('appearance.previewLink')}</a>{' '}
              <span class="secondary-sample">{t('appearance.secondary')}</span>{' '}
              <span class="tertiary-sample">{t('appearance.tertiary')}</span>
            </p>
            <p>
              <span class="button">{t('appearance.previewButton')}</span>
            </p>
          </section>

          <h2>{t('appearance.images')}</h2>
          {APPEARANCE_IMAGES.map((name) => (
            <div key={name}>
              <FileField
                name={name}
                label={t(IMAGE_LABELS[name])}
                hint={t('appearance.imageHint', { size: formatBytes(APPEARANCE_IMAGE_MAX_BYTES) })}
                accept="image/png,image/jpeg,image/gif,image/webp"
                errors={errors}
                current={
                  imageUrls[name] ? (
                    <img
                      class="current-image"
                      src={imageUrls[name] as string}
                      alt={t('appearance.currentImage')}
                    />
                  ) : undefined
                }
              />
              {current[name] && (
                <p>
                  <input type="checkbox" id={`remove-${name}`} name={`remove.${name}`} value="1" />{' '}
                  <label for={`remove-${name}`}>
                    {t('appearance.removeImage')} ({t(IMAGE_LABELS[name])})
                  </label>
                </p>
              )}
            </div>
          ))}

          <h2>{t('appearance.font')}</h2>
          <SelectField
            name="font"
            label={t('appearance.font')}
            value={values.font}
            errors={errors}
            options={FONT_IDS.map((id) => ({ value: id, label: FONTS[id].label }))}
          />

          <h2>{t('appearance.links')}</h2>
          <TextField
            name="officialUrl"
            type="url"
            label={t('appearance.officialUrl')}
            value={values.officialUrl}
            errors={errors}
            autocomplete="url"
          />
          {SOCIAL_NETWORKS.map((network) => (
            <TextField
              key={network}
              name={`social.${network}`}
              label={SOCIAL_LABELS[network]}
              hint={t('appearance.socialHint')}
              value={values.social?.[network]}
              errors={errors}
            />
          ))}

          {current.customCssAllowed && (
            <>
              <h2>{t('appearance.customCss')}</h2>
              <TextArea
                name="customCss"
                label={t('appearance.customCss')}
                hint={t('appearance.customCssHint', { size: formatBytes(CUSTOM_CSS_MAX_BYTES) })}
                value={values.customCss}
                errors={errors}
                rows={10}
              />
            </>
          )}
          <p>
            <button type="submit" class="button">
              {t('appearance.save')}
            </button>
          </p>
        </form>
        <script nonce={site.nonce} dangerouslySetInnerHTML={{ __html: PREVIEW_SCRIPT }} />
      </AdminLayout>,
    );
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }
}
