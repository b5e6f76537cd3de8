// "What changed": a version's redline against another, as the server writes it (HTML with <ins>
// and <del>), and the same redline as a Word file with tracked changes to download.
import { apiUrl, ApiError, getAll, api } from '../api/client';
import { crumbs, errorBox, guidelineTitle } from '../components';
import { field, h } from '../dom';
import { lang, t } from '../i18n';
import type { View, ViewContext } from '../router';

/** The redline's own part of the server's page: its paragraphs, imported as inert nodes. */
async function redlineNodes(id: string, number: number, against: number): Promise<Node[]> {
  const url = apiUrl('/api/guidelines/{id}/versions/{number}/redline', {
    path: { id, number },
    query: { against, format: 'html' },
  });
  const res = await fetch(url, {
    headers: { Accept: 'text/html', 'Accept-Language': document.documentElement.lang || 'lo' },
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const type = res.headers.get('content-type') || '';
    throw new ApiError(res.status, type.includes('json') ? await res.json() : null);
  }
  const page = new DOMParser().parseFromString(await res.text(), 'text/html');
  const summary = page.querySelector('header > p:last-child');
  const main = page.querySelector('main.redline');
  // Headings of the redline sit under this page's h1.
  main?.querySelectorAll('h2').forEach((heading) => {
    const h3 = document.createElement('h3');
    h3.className = heading.className;
    h3.append(...heading.childNodes);
    heading.replaceWith(h3);
  });
  return [
    // The summary in both languages, each marked: the one of this screen.
    ...(summary
      ? [
          h(
            'p',
            { class: 'muted' },
            (summary.querySelector(`[lang="${lang()}"]`) ?? summary).textContent ?? '',
          ),
        ]
      : []),
    ...(main ? [document.importNode(main, true)] : []),
  ];
}

export async function redlineView({ params }: ViewContext): Promise<View> {
  const number = Number(params.n);
  const against = Number(params.against);
  const [g, versions] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    getAll('/api/guidelines/{id}/versions', { path: { id: params.id } }),
  ]);
  let content: Node[];
  try {
    content = await redlineNodes(g.id, number, against);
  } catch (error) {
    content = [errorBox(error)];
  }
  const other = h(
    'select',
    { name: 'against' },
    versions
      .filter((v) => v.number !== number)
      .sort((a, b) => b.number - a.number)
      .map((v) =>
        h(
          'option',
          { value: String(v.number), selected: v.number === against },
          t('version.n', { number: v.number }),
        ),
      ),
  );
  const choose = h(
    'form',
    { class: 'actions' },
    field(t('diff.against'), other),
    h('button', { type: 'submit', class: 'secondary' }, t('redline.show')),
  );
  choose.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/g/${g.id}/v/${number}/redline/${other.value}`;
  });
  const docx = apiUrl('/api/guidelines/{id}/versions/{number}/redline', {
    path: { id: g.id, number },
    query: { against, format: 'docx' },
  });
  const title = `${guidelineTitle(g)} — ${t('redline.title', { number, against })}`;
  return {
    title,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { href: `#/g/${g.id}/v/${number}`, text: t('version.n', { number }) },
        { text: t('redline.crumb') },
      ]),
      h('h1', {}, title),
      h('p', { class: 'muted' }, t('redline.legend')),
      h(
        'div',
        { class: 'panel' },
        versions.length > 2 ? choose : null,
        h(
          'p',
          { class: 'actions' },
          h('a', { class: 'button', href: docx, download: '' }, t('redline.download')),
        ),
      ),
      h('section', { class: 'redline-view', 'aria-label': t('redline.crumb') }, content),
    ),
  };
}
