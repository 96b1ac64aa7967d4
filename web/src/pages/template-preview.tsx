import { useState } from 'preact/hooks';
import { EmailFrame } from '../components/email-frame.tsx';
import { Status } from '../components/status.tsx';
import type { TemplateList, TemplatePreview } from '../template-types.ts';
import { useApi } from '../use-api.ts';

const LANGUAGES: Readonly<Record<string, string>> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish' };

/** Words for a template id: `after-interviews` → `After interviews`. */
function templateName(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Any template in any of its languages, with sample people and this deployment's branding: HTML and plain text. */
export function TemplatePreviewPage() {
  const { result } = useApi<TemplateList>('/templates');
  return (
    <main id="main">
      <h1>Email templates</h1>
      <Status result={result}>{(data) => <Picker templates={data.templates} />}</Status>
    </main>
  );
}

function Picker({ templates }: { templates: TemplateList['templates'] }) {
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [locale, setLocale] = useState('en');
  const [variant, setVariant] = useState<'full' | 'minimal'>('full');
  const locales = templates.find((t) => t.id === templateId)?.locales ?? [];
  const shownLocale = locales.includes(locale) ? locale : (locales[0] ?? 'en');
  if (templates.length === 0) return <p>No templates were built.</p>;
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Template
          <select value={templateId} onChange={(e) => setTemplateId((e.currentTarget as HTMLSelectElement).value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {templateName(t.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select value={shownLocale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {LANGUAGES[l] ?? l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sample
          <select
            value={variant}
            onChange={(e) =>
              setVariant((e.currentTarget as HTMLSelectElement).value === 'minimal' ? 'minimal' : 'full')
            }
          >
            <option value="full">With a personal note and feedback offered</option>
            <option value="minimal">Without optional parts</option>
          </select>
        </label>
      </form>
      <Preview templateId={templateId} locale={shownLocale} variant={variant} />
    </>
  );
}

function Preview({ templateId, locale, variant }: { templateId: string; locale: string; variant: string }) {
  const path = `/templates/${encodeURIComponent(templateId)}/preview?locale=${encodeURIComponent(locale)}&variant=${variant}`;
  const { result } = useApi<TemplatePreview>(path);
  return (
    <Status result={result}>
      {(email) => (
        <div class="email-preview">
          <p>
            Subject: <strong>{email.subject}</strong>
          </p>
          <p class="muted">Preview line: {email.preheader}</p>
          <div class="split">
            <section aria-labelledby="html-part">
              <h2 id="html-part">HTML</h2>
              <EmailFrame title={`${templateName(templateId)} (${locale}), HTML`} html={email.html} />
            </section>
            <section aria-labelledby="text-part">
              <h2 id="text-part">Plain text</h2>
              <pre class="email-text">{email.text}</pre>
            </section>
          </div>
        </div>
      )}
    </Status>
  );
}
