// /staff/admin: what the administration covers, one link per page.
import type { View } from '../../app-context.ts';
import { element, pageHeading } from '../../ui.ts';
import { adminTexts } from './admin-ui.ts';

export const adminOverviewView: View = (ctx) => {
  const t = adminTexts(ctx).overview;
  const content = element(
    'section',
    { class: 'admin-page' },
    pageHeading(t.title),
    ctx.flash ? element('p', { class: 'notice', role: 'status' }, ctx.flash) : null,
    element('p', { class: 'lead' }, t.intro),
    element(
      'ul',
      { class: 'admin-sections' },
      ...t.sections.map((section) => element('li', {}, element('a', { href: ctx.href(section.path) }, section.label), element('p', { class: 'hint' }, section.text))),
    ),
  );
  return Promise.resolve({ title: t.title, content });
};
