// A person's own password: changing it (required first when an administrator set a temporary
// one), asking for a reset link when it is forgotten, and setting a new one from that link.
import { api, ApiError } from '../api/client';
import { crumbs, errorBox, notice } from '../components';
import { field, h } from '../dom';
import { t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';
import { signedIn, type Me } from '../session';

function show(message: HTMLElement, box: HTMLElement): void {
  box.setAttribute('tabindex', '-1');
  message.replaceChildren(box);
  box.focus();
}

function alert(text: string): HTMLElement {
  return h('p', { class: 'alert', role: 'alert' }, text);
}

function refusal(message: HTMLElement, error: unknown): void {
  if (!(error instanceof ApiError)) throw error;
  show(message, errorBox(error));
}

/** A new password typed twice; the server's policy decides whether it is good enough. */
function newPasswordFields(): {
  nodes: HTMLElement[];
  value: () => string | null;
  first: HTMLInputElement;
} {
  const first = h('input', {
    type: 'password',
    name: 'newPassword',
    autocomplete: 'new-password',
    required: true,
  });
  const again = h('input', {
    type: 'password',
    name: 'newPasswordAgain',
    autocomplete: 'new-password',
    required: true,
  });
  return {
    first,
    nodes: [
      field(t('account.newPassword'), first, t('account.passwordRule')),
      field(t('account.newPasswordAgain'), again),
    ],
    value: () => (first.value && first.value === again.value ? first.value : null),
  };
}

export async function changePasswordView({ user }: ViewContext): Promise<View> {
  const current = h('input', {
    type: 'password',
    name: 'currentPassword',
    autocomplete: 'current-password',
    required: true,
  });
  const next = newPasswordFields();
  const message = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.change'));
  const form = h(
    'form',
    { novalidate: true },
    // The account's name lets password managers file the new password under it.
    h('input', {
      type: 'email',
      name: 'email',
      autocomplete: 'username',
      value: user.email,
      hidden: true,
      readonly: true,
      tabindex: '-1',
      'aria-hidden': 'true',
    }),
    field(
      user.mustChangePassword ? t('account.temporaryPassword') : t('account.currentPassword'),
      current,
    ),
    next.nodes,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const newPassword = next.value();
    if (!current.value) return show(message, alert(t('account.currentMissing')));
    if (!newPassword) return show(message, alert(t('account.mismatch')));
    submit.disabled = true;
    try {
      await api.post('/api/me/password', { body: { currentPassword: current.value, newPassword } });
      await signedIn(await api.get('/api/me'));
      form.replaceChildren(
        notice(t('account.changed')),
        h('p', {}, h('a', { href: '#/' }, t('nav.backHome'))),
      );
      form.querySelector<HTMLElement>('[role=status]')?.setAttribute('tabindex', '-1');
      form.querySelector<HTMLElement>('[role=status]')?.focus();
    } catch (error) {
      current.value = '';
      refusal(message, error);
    } finally {
      submit.disabled = false;
    }
  });
  return {
    title: t('account.title'),
    node: h(
      'div',
      {},
      user.mustChangePassword
        ? null
        : crumbs([{ href: '#/', text: t('nav.home') }, { text: t('account.title') }]),
      h('h1', {}, t('account.title')),
      user.mustChangePassword
        ? h('p', { class: 'notice', role: 'status' }, t('account.mustChange'))
        : null,
      h('p', { class: 'muted' }, t('account.intro')),
      h('section', { class: 'panel', 'aria-label': t('account.title') }, form),
    ),
  };
}

export async function forgotPasswordView({ query }: ViewContext<Me | null>): Promise<View> {
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
    value: query.email ?? '',
  });
  const message = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.forgot.submit'));
  const form = h(
    'form',
    { novalidate: true },
    field(t('login.email'), email),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!email.value.trim()) return show(message, alert(t('account.forgot.missing')));
    submit.disabled = true;
    try {
      await api.post('/api/auth/password-reset', { body: { email: email.value.trim() } });
      show(message, notice(t('account.forgot.sent', { email: email.value.trim() })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 429)
        show(message, alert(t('account.forgot.throttled')));
      else refusal(message, error);
    } finally {
      submit.disabled = false;
    }
  });
  return {
    title: t('account.forgot.title'),
    node: h(
      'section',
      { class: 'panel login' },
      h('h1', {}, t('account.forgot.title')),
      h('p', {}, t('account.forgot.intro')),
      form,
      h('p', {}, h('a', { href: '#/login' }, t('account.backToLogin'))),
    ),
  };
}

export async function resetPasswordView({ query }: ViewContext<Me | null>): Promise<View> {
  const token = query.token ?? '';
  const next = newPasswordFields();
  const message = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.reset.submit'));
  const form = h(
    'form',
    { novalidate: true },
    next.nodes,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const password = next.value();
    if (!password) return show(message, alert(t('account.mismatch')));
    submit.disabled = true;
    try {
      await api.post('/api/auth/password-reset/confirm', { body: { token, password } });
      navigate('/login?reset=1');
    } catch (error) {
      refusal(message, error);
      if (error instanceof ApiError && error.code === 'RESET_LINK_INVALID') {
        message.append(h('p', {}, h('a', { href: '#/forgot' }, t('account.reset.askAgain'))));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return {
    title: t('account.reset.title'),
    node: h(
      'section',
      { class: 'panel login' },
      h('h1', {}, t('account.reset.title')),
      token
        ? [h('p', {}, t('account.reset.intro')), form]
        : [
            alert(t('account.reset.noToken')),
            h('p', {}, h('a', { href: '#/forgot' }, t('account.reset.askAgain'))),
          ],
    ),
  };
}
