// How each kind of notice comes by e-mail: at once, in the daily digest, or not at all. What may
// be chosen for each kind (official notices cannot be turned off) comes from the server.
import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, notice } from '../components';
import { h } from '../dom';
import { pick, t } from '../i18n';
import type { View } from '../router';

type Preferences = Schema<'NotificationPreferencesView'>;
type Kind = Schema<'KindPreferenceView'>;
type Frequency = Schema<'EmailFrequency'>;
type Choices = Schema<'NotificationPreferencesDto'>['email'];

export async function notificationPreferencesView(): Promise<View> {
  let preferences: Preferences = await api.get('/api/me/notification-preferences');
  const message = h('div', {});
  const choiceOf = (kind: Kind['kind']) => preferences.email[kind];

  function kindFieldset(kind: Kind): HTMLElement {
    const hintId = `prefs-hint-${kind.kind}`;
    return h(
      'fieldset',
      { 'data-kind': kind.kind, 'aria-describedby': kind.official ? hintId : null },
      h('legend', {}, pick(kind.name)),
      kind.choices.map((frequency) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: `pref-${kind.kind}`,
            value: frequency,
            checked: choiceOf(kind.kind) === frequency,
          }),
          t(`prefs.${frequency}`),
        ),
      ),
      kind.official ? h('p', { class: 'hint', id: hintId }, t('prefs.official')) : null,
    );
  }

  const submit = h('button', { type: 'submit', class: 'primary' }, t('prefs.save'));
  const form = h(
    'form',
    { novalidate: true, id: 'notification-preferences' },
    preferences.kinds.map(kindFieldset),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const email: Choices = {};
    for (const kind of preferences.kinds) {
      const checked = form.querySelector<HTMLInputElement>(
        `input[name="pref-${kind.kind}"]:checked`,
      );
      if (checked) email[kind.kind] = checked.value as Frequency;
    }
    submit.disabled = true;
    try {
      preferences = await api.put('/api/me/notification-preferences', { body: { email } });
      const done = notice(t('prefs.saved'));
      done.setAttribute('tabindex', '-1');
      message.replaceChildren(done);
      done.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const box = errorBox(error);
      box.setAttribute('tabindex', '-1');
      message.replaceChildren(box);
      box.focus();
    } finally {
      submit.disabled = false;
    }
  });

  const time = `${String(preferences.digestHour).padStart(2, '0')}:00`;
  return {
    title: t('prefs.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('prefs.title') }]),
      h('h1', {}, t('prefs.title')),
      h('p', {}, t('prefs.intro')),
      h('p', { class: 'muted' }, t('prefs.digestAt', { time, zone: preferences.timeZone })),
      h('section', { class: 'panel', 'aria-label': t('prefs.title') }, form),
    ),
  };
}
