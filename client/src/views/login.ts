import { api, ApiError } from '../api/client';
import { field, h } from '../dom';
import { t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';
import { signedIn, type Me } from '../session';

/**
 * Sign-in. When the server answers that the account needs a second factor (401 TOTP_REQUIRED),
 * the form asks for the authenticator's code (or a recovery code) and sends the password again
 * with it; the server alone decides whether a code is needed.
 */
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
  const code = h('input', {
    type: 'text',
    name: 'totp',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9 ]*',
    maxlength: '7',
    required: true,
  });
  const recovery = h('input', {
    type: 'text',
    name: 'recoveryCode',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: '40',
    required: true,
  });
  const codeField = field(t('login.code'), code, t('login.codeHint'));
  const recoveryField = field(t('login.recoveryCode'), recovery, t('login.recoveryHint'));
  const toggle = h('button', { type: 'button', class: 'linkish' }, t('login.useRecovery'));
  const secondStep = h(
    'div',
    { class: 'second-factor', hidden: true },
    codeField,
    recoveryField,
    h('p', {}, toggle),
  );
  let usingRecovery = false;
  const showSecond = (recoveryCode: boolean) => {
    usingRecovery = recoveryCode;
    secondStep.hidden = false;
    codeField.hidden = recoveryCode;
    recoveryField.hidden = !recoveryCode;
    toggle.textContent = recoveryCode ? t('login.useApp') : t('login.useRecovery');
  };
  toggle.addEventListener('click', () => {
    showSecond(!usingRecovery);
    (usingRecovery ? recovery : code).focus();
  });

  const message = h('div', { id: 'login-message' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': 'login-message' },
    field(t('login.email'), email),
    field(t('login.password'), password),
    secondStep,
    h('div', { class: 'actions' }, submit),
  );
  const say = (text: string, tone: 'alert' | 'notice' = 'alert') =>
    message.replaceChildren(
      h('p', { class: tone, role: tone === 'alert' ? 'alert' : 'status' }, text),
    );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!email.value.trim() || !password.value) {
      say(t('login.missing'));
      (email.value.trim() ? password : email).focus();
      return;
    }
    const second = secondStep.hidden
      ? {}
      : usingRecovery
        ? { recoveryCode: recovery.value.trim() }
        : { totp: code.value.replace(/\s/g, '') };
    if (!secondStep.hidden && !Object.values(second)[0]) {
      say(t('login.codeMissing'));
      (usingRecovery ? recovery : code).focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.post('/api/auth/session', {
        body: { email: email.value.trim(), password: password.value, ...second },
      });
      // The caller as /api/me tells it: with the court's time zone.
      await signedIn(await api.get('/api/me'));
      // With a temporary password, or a second factor still to set up, the router sends them there first.
      navigate(
        query.next && query.next.startsWith('/') && query.next !== '/login' ? query.next : '/',
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'TOTP_REQUIRED' || error.code === 'TOTP_WRONG') {
        // The password was right: keep it and ask for (another) code.
        const first = secondStep.hidden;
        showSecond(usingRecovery);
        if (first) say(t('login.codeNeeded'), 'notice');
        else say(t('login.codeWrong'));
        code.value = '';
        recovery.value = '';
        (usingRecovery ? recovery : code).focus();
        return;
      }
      // A limit or a lock (429) and a busy sign-in (503) are worded by the server in the screen's
      // language, with how long to wait.
      const refusedForNow =
        (error.status === 429 || error.status === 503) &&
        error.code !== null &&
        error.code !== 'TOTP_THROTTLED';
      const key =
        error.code === 'TOTP_THROTTLED'
          ? 'login.codeThrottled'
          : error.status === 429
            ? 'login.throttled'
            : error.status === 401
              ? 'login.wrong'
              : 'error.generic';
      say(refusedForNow ? error.message : t(key));
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
