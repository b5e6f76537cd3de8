// Two-step sign-in (TOTP): setting it up with the QR code the server draws, confirming it with a
// first code, the recovery codes shown once, and turning it off where the server allows it.
import { api, ApiError } from '../api/client';
import { crumbs, errorBox, notice } from '../components';
import { field, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { View, ViewContext } from '../router';
import { signedIn } from '../session';

function focused(node: HTMLElement): HTMLElement {
  node.setAttribute('tabindex', '-1');
  queueMicrotask(() => node.focus());
  return node;
}

function codeInput(): HTMLInputElement {
  return h('input', {
    type: 'text',
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9 ]*',
    maxlength: '7',
    required: true,
  });
}

export async function twoFactorView({ user, rerender }: ViewContext): Promise<View> {
  const status = await api.get('/api/me/totp');
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'two-factor-state' });
  const message = h('div', {});

  /** After confirmation: the recovery codes, this once. */
  function showRecoveryCodes(codes: string[]): void {
    const done = h('button', { type: 'button', class: 'primary' }, t('twoFactor.continue'));
    done.addEventListener('click', () => void rerender());
    panel.replaceChildren(
      focused(notice(t('twoFactor.enabled'))),
      h('h2', { id: 'recovery-title' }, t('twoFactor.recoveryTitle')),
      h('p', {}, t('twoFactor.recoveryIntro')),
      h(
        'ol',
        { class: 'recovery-codes', 'aria-labelledby': 'recovery-title' },
        codes.map((code) => h('li', {}, h('code', {}, code))),
      ),
      h('div', { class: 'actions' }, done),
    );
  }

  async function startEnrolment(): Promise<void> {
    message.replaceChildren();
    let started;
    try {
      started = await api.post('/api/me/totp');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
      return;
    }
    const code = codeInput();
    const confirmMessage = h('div', {});
    const submit = h('button', { type: 'submit', class: 'primary' }, t('twoFactor.confirm'));
    const form = h(
      'form',
      { novalidate: true },
      h('p', {}, t('twoFactor.enterCode')),
      field(t('twoFactor.code'), code),
      confirmMessage,
      h('div', { class: 'actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      confirmMessage.replaceChildren();
      const typed = code.value.replace(/\s/g, '');
      if (!/^\d{6}$/.test(typed)) {
        confirmMessage.replaceChildren(
          h('p', { class: 'alert', role: 'alert' }, t('twoFactor.codeMissing')),
        );
        code.focus();
        return;
      }
      submit.disabled = true;
      try {
        const { recoveryCodes } = await api.post('/api/me/totp/confirm', { body: { code: typed } });
        // The server no longer asks this person to enrol: the header and the router follow.
        await signedIn(await api.get('/api/me'));
        showRecoveryCodes(recoveryCodes);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        code.value = '';
        confirmMessage.replaceChildren(focused(errorBox(error)));
      } finally {
        submit.disabled = false;
      }
    });
    panel.replaceChildren(
      h('h2', { id: 'two-factor-state' }, t('twoFactor.start')),
      h('p', {}, t('twoFactor.scan')),
      h('img', {
        class: 'qr-code',
        src: started.qrCode,
        alt: t('twoFactor.qrAlt'),
        width: '220',
        height: '220',
      }),
      h('p', {}, t('twoFactor.manual'), ' ', h('code', { class: 'totp-secret' }, started.secret)),
      form,
    );
    code.focus();
  }

  function disableForm(): HTMLElement {
    const password = h('input', {
      type: 'password',
      name: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const disableMessage = h('div', {});
    const submit = h('button', { type: 'submit', class: 'secondary' }, t('twoFactor.disable'));
    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'two-factor-disable' },
      h('h2', { id: 'two-factor-disable' }, t('twoFactor.disableTitle')),
      field(t('twoFactor.disablePassword'), password),
      disableMessage,
      h('div', { class: 'actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      disableMessage.replaceChildren();
      submit.disabled = true;
      try {
        await api.delete('/api/me/totp', { body: { password: password.value } });
        await signedIn(await api.get('/api/me'));
        panel.replaceChildren(focused(notice(t('twoFactor.disabled'))));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        password.value = '';
        disableMessage.replaceChildren(focused(errorBox(error)));
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  if (status.enabled) {
    panel.append(
      h(
        'p',
        { id: 'two-factor-state' },
        t('twoFactor.on', { when: formatDateTime(status.enabledAt) }),
      ),
      h('p', {}, t('twoFactor.codesLeft', { count: status.recoveryCodesLeft })),
      status.requiredForRole
        ? h('p', { class: 'muted' }, t('twoFactor.requiredForRole'))
        : disableForm(),
    );
  } else {
    const start = h('button', { type: 'button', class: 'primary' }, t('twoFactor.start'));
    start.addEventListener('click', () => void startEnrolment());
    panel.append(
      h('p', { id: 'two-factor-state' }, t('twoFactor.off')),
      h('div', { class: 'actions' }, start),
    );
  }

  return {
    title: t('twoFactor.title'),
    node: h(
      'div',
      {},
      user.totpEnrolmentRequired
        ? null
        : crumbs([{ href: '#/', text: t('nav.home') }, { text: t('twoFactor.title') }]),
      h('h1', {}, t('twoFactor.title')),
      user.totpEnrolmentRequired
        ? h('p', { class: 'notice', role: 'status' }, t('twoFactor.required'))
        : null,
      h('p', { class: 'muted' }, t('twoFactor.intro')),
      message,
      panel,
    ),
  };
}
