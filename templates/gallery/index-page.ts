import { escapeHtml } from '#adapters/templates/render-segments.ts';
import { LOCALES } from '../samples/sample-notices.ts';
import type { GalleryEntry } from './write-gallery.ts';

const STYLE = `
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 24px; color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
p.lead { color: #59636e; margin: 0 0 16px; max-width: 80ch; }
.row { display: grid; grid-template-columns: repeat(4, minmax(260px, 1fr)); gap: 16px; align-items: start; }
.cell { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px; background: #f6f8fa; }
.locale { font-size: 12px; font-weight: 700; text-transform: uppercase; color: #59636e; }
.subject { font-weight: 600; margin: 4px 0 2px; } .preheader { color: #59636e; font-size: 13px; margin-bottom: 8px; }
.cell img { width: 100%; border: 1px solid #d0d7de; border-radius: 4px; background: #fff; display: block; }
.links { font-size: 13px; margin-top: 8px; } .links a { margin-right: 10px; }
.problems { color: #cf222e; font-size: 13px; } .ok { color: #1a7f37; font-size: 13px; }
pre { white-space: pre-wrap; font-size: 12px; background: #fff; border: 1px solid #d0d7de; padding: 8px; border-radius: 4px; }
`;

/** One row per template, one column per locale: the whole library at a glance. */
export function indexPage(entries: readonly GalleryEntry[]): string {
  const templates = [...new Set(entries.map((e) => e.templateId))];
  const find = (templateId: string, locale: string, variant: string) =>
    entries.find((e) => e.templateId === templateId && e.locale === locale && e.variant === variant);
  const problemCount = entries.reduce((n, e) => n + e.problems.length, 0);
  const rows = templates.map((templateId) => {
    const cells = LOCALES.map((locale) => {
      const full = find(templateId, locale, 'full');
      const minimal = find(templateId, locale, 'minimal');
      if (full === undefined) return `<div class="cell"><div class="locale">${locale}</div>missing</div>`;
      const image =
        full.files.png === undefined
          ? ''
          : `<a href="${escapeHtml(full.files.html)}"><img src="${escapeHtml(full.files.png)}" alt="${escapeHtml(full.email.subject)}" loading="lazy"></a>`;
      const links = [
        `<a href="${escapeHtml(full.files.html)}">HTML</a>`,
        `<a href="${escapeHtml(full.files.text)}">text</a>`,
        full.files.mobilePng === undefined ? '' : `<a href="${escapeHtml(full.files.mobilePng)}">phone</a>`,
        minimal === undefined ? '' : `<a href="${escapeHtml(minimal.files.html)}">minimal</a>`,
        minimal?.files.png === undefined ? '' : `<a href="${escapeHtml(minimal.files.png)}">minimal PNG</a>`,
      ].join('');
      const problems = [...full.problems, ...(minimal?.problems ?? [])];
      const status =
        full.files.png === undefined
          ? ''
          : problems.length === 0
            ? '<div class="ok">Layout and accessibility checks passed</div>'
            : `<div class="problems">${problems.map(escapeHtml).join('<br>')}</div>`;
      return `<div class="cell"><div class="locale">${locale}</div>
<div class="subject">${escapeHtml(full.email.subject)}</div><div class="preheader">${escapeHtml(full.email.preheader)}</div>
${image}<div class="links">${links}</div>${status}
<details><summary>Plain text</summary><pre>${escapeHtml(full.email.text)}</pre></details></div>`;
    });
    return `<h2>${escapeHtml(templateId)}</h2><div class="row">${cells.join('\n')}</div>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Closeloop email previews</title><style>${STYLE}</style></head>
<body><h1>Closeloop email previews</h1>
<p class="lead">Every template in every locale, rendered by the runtime renderer with sample data: the thumbnail sets every optional
value (personal note, feedback offer, logo, links); "minimal" sets none. ${entries.length} emails, ${problemCount} problems found.
Regenerate with <code>npm run preview</code>.</p>
${rows.join('\n')}
</body></html>
`;
}
