import { api, ApiError } from '../api/client';
import { field, h } from '../dom';
import { t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';
import { signedIn, type Me } from '../session';

export async function loginView({ query }: ViewContext<Me | null>): Promise<View> {
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('div', { id: 'login-message' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': 'login-message' },
    field(t('login.email'), email),
    field(t('login.password'), password),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!email.value.trim() || !password.value) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('login.missing')));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.post('/api/auth/session', {
        body: { email: email.value.trim(), password: password.value },
      });
      // The caller as /api/me tells it: with the court's time zone.
      await signedIn(await api.get('/api/me'));
      // With a temporary password the router sends them to change it first.
      navigate(
        query.next && query.next.startsWith('/') && query.next !== '/login' ? query.next : '/',
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const key =
        error.status === 429
          ? 'login.throttled'
          : error.status === 401
            ? 'login.wrong'
            : 'error.generic';
      message.append(h('p', { class: 'alert', role: 'alert' }, t(key)));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return {
    title: t('login.title'),
    node: h(
      'section',
      { class: 'panel login' },
      h('h1', {}, t('login.title')),
      h('p', {}, t('login.intro')),
      query.expired ? h('p', { class: 'notice', role: 'status' }, t('login.expired')) : null,
      query.reset ? h('p', { class: 'notice', role: 'status' }, t('login.resetDone')) : null,
      message,
      form,
      h('p', {}, h('a', { href: '#/forgot' }, t('login.forgot'))),
    ),
  };
}
