// The administrator's users: a searchable list in pages, a new user, and one user's page (profile,
// access, temporary password). Which fields fit which role is the server's rule: the form offers
// every field and shows the server's refusal.
import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, notice } from '../components';
import { announce, field, h, replace, scrollTable, uid } from '../dom';
import { formatDateTime, LANGUAGES, pick, t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';

type User = Schema<'UserView'>;
type Role = User['role'];
type Committee = User['committees'][number];
type Agency = Schema<'AgencyView'>;

export const ROLES: Role[] = ['JUDGE', 'SECRETARIAT', 'AGENCY_REVIEWER', 'OBSERVER', 'ADMIN'];
const COMMITTEES: Committee[] = ['TWG', 'COUNCIL'];
const PAGE = 50;

function adminCrumbs(...rest: { href?: string; text: string }[]): HTMLElement {
  return crumbs([
    { href: '#/', text: t('nav.home') },
    { href: '#/admin/users', text: t('admin.users.title') },
    ...rest,
  ]);
}

function roleSelect(selected: string, withAll: boolean): HTMLSelectElement {
  return h(
    'select',
    { name: 'role' },
    withAll ? h('option', { value: '' }, t('admin.users.allRoles')) : null,
    ROLES.map((role) =>
      h('option', { value: role, selected: role === selected }, t(`role.${role}`)),
    ),
  );
}

function agencySelect(agencies: Agency[], selected: string, emptyLabel: string): HTMLSelectElement {
  return h(
    'select',
    { name: 'agencyCode' },
    h('option', { value: '' }, emptyLabel),
    agencies.map((a) =>
      h('option', { value: a.code, selected: a.code === selected }, `${a.code} — ${pick(a.name)}`),
    ),
  );
}

function committeeBoxes(selected: Committee[]): {
  node: HTMLFieldSetElement;
  read: () => Committee[];
} {
  const boxes = COMMITTEES.map((c) =>
    h('input', { type: 'checkbox', name: 'committees', value: c, checked: selected.includes(c) }),
  );
  const node = h(
    'fieldset',
    {},
    h('legend', {}, t('admin.user.committees')),
    boxes.map((box, i) => h('label', { class: 'choice' }, box, t(`committee.${COMMITTEES[i]}`))),
    h('p', { class: 'hint' }, t('admin.user.committeesHint')),
  );
  return { node, read: () => COMMITTEES.filter((_, i) => boxes[i].checked) };
}

function localeSelect(selected: string): HTMLSelectElement {
  return h(
    'select',
    { name: 'locale' },
    LANGUAGES.map((code) =>
      h('option', { value: code, lang: code, selected: code === selected }, t(`lang.${code}`)),
    ),
  );
}

function statusBadges(user: User): HTMLElement {
  return h(
    'span',
    {},
    user.active
      ? h('span', { class: 'badge ok' }, t('admin.user.active'))
      : h('span', { class: 'badge bad' }, t('admin.user.deactivated')),
    user.mustChangePassword
      ? [' ', h('span', { class: 'badge warn' }, t('admin.user.temporaryPassword'))]
      : null,
  );
}

function userRow(user: User): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: `#/admin/users/${user.id}` }, user.name)),
    h('td', {}, user.email),
    h('td', {}, t(`role.${user.role}`)),
    h('td', {}, user.agency?.code ?? ''),
    h('td', {}, user.committees.map((c) => t(`committee.${c}`)).join(', ')),
    h('td', {}, statusBadges(user)),
  );
}

/** Moves focus to a message box and keeps it for screen readers. */
function show(message: HTMLElement, box: HTMLElement): void {
  box.setAttribute('tabindex', '-1');
  message.replaceChildren(box);
  box.focus();
}

function refusal(message: HTMLElement, error: unknown): void {
  if (!(error instanceof ApiError)) throw error;
  show(message, errorBox(error));
}

export async function usersView({ query }: ViewContext): Promise<View> {
  const filters = {
    q: query.q ?? '',
    role: ROLES.find((r) => r === query.role) ?? ('' as const),
    agencyCode: query.agencyCode ?? '',
    active: query.active === 'true' || query.active === 'false' ? query.active : '',
  };
  const listQuery = {
    limit: PAGE,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.agencyCode ? { agencyCode: filters.agencyCode } : {}),
    ...(filters.active ? { active: filters.active === 'true' } : {}),
  };
  const [first, agencies] = await Promise.all([
    api.get('/api/users', { query: listQuery }),
    api.get('/api/agencies').then((list) => list.items),
  ]);

  const q = h('input', { type: 'search', name: 'q', value: filters.q, autocomplete: 'off' });
  const role = roleSelect(filters.role, true);
  const agency = agencySelect(agencies, filters.agencyCode, t('admin.users.allAgencies'));
  const active = h(
    'select',
    { name: 'active' },
    (['', 'true', 'false'] as const).map((value) =>
      h(
        'option',
        { value, selected: value === filters.active },
        t(
          value === ''
            ? 'admin.users.anyStatus'
            : value === 'true'
              ? 'admin.user.active'
              : 'admin.user.deactivated',
        ),
      ),
    ),
  );
  const search = h(
    'form',
    { class: 'panel', role: 'search', 'aria-label': t('admin.users.search') },
    field(t('admin.users.q'), q, t('admin.users.qHint')),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('admin.user.role'), role)),
      h('div', {}, field(t('admin.user.agency'), agency)),
      h('div', {}, field(t('admin.user.status'), active)),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'secondary' }, t('admin.users.searchSubmit')),
    ),
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (q.value.trim()) params.set('q', q.value.trim());
    if (role.value) params.set('role', role.value);
    if (agency.value) params.set('agencyCode', agency.value);
    if (active.value) params.set('active', active.value);
    const text = params.toString();
    navigate(`/admin/users${text ? `?${text}` : ''}`);
  });

  const body = h('tbody', {}, first.items.map(userRow));
  const captionId = uid('users');
  const table = h(
    'table',
    {},
    h('caption', { id: captionId, class: 'visually-hidden' }, t('admin.users.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (
          [
            'admin.user.name',
            'admin.user.email',
            'admin.user.role',
            'admin.user.agency',
            'admin.user.committees',
            'admin.user.status',
          ] as const
        ).map((key) => h('th', { scope: 'col' }, t(key))),
      ),
    ),
    body,
  );
  const message = h('div', {});
  let next = first.next;
  const more = h(
    'button',
    { type: 'button', class: 'secondary', hidden: !next },
    t('admin.users.more'),
  );
  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      const page = await api.get('/api/users', { query: { ...listQuery, cursor: next } });
      const rows = page.items.map(userRow);
      body.append(...rows);
      next = page.next;
      more.hidden = !next;
      rows[0]?.querySelector<HTMLElement>('a')?.focus();
      announce(t('admin.users.moreShown', { count: rows.length }));
    } catch (error) {
      refusal(message, error);
    } finally {
      more.disabled = false;
    }
  });

  return {
    title: t('admin.users.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('admin.users.title') }]),
      h('h1', {}, t('admin.users.title')),
      h(
        'p',
        { class: 'actions' },
        h('a', { class: 'button primary', href: '#/admin/users/new' }, t('admin.users.new')),
      ),
      search,
      message,
      first.items.length
        ? [scrollTable(t('admin.users.title'), table), h('p', { class: 'actions' }, more)]
        : h('p', { class: 'muted', role: 'status' }, t('admin.users.none')),
    ),
  };
}

export async function newUserView(): Promise<View> {
  const agencies = await api.get('/api/agencies').then((list) => list.items);
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off' });
  const role = roleSelect('JUDGE', false);
  const agency = agencySelect(agencies, '', t('admin.user.noAgency'));
  const committees = committeeBoxes([]);
  const institution = h('input', { type: 'text', name: 'institution' });
  const locale = localeSelect('lo');
  const password = h('input', {
    type: 'text',
    name: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const mustChange = h('input', { type: 'checkbox', name: 'mustChangePassword', checked: true });
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('admin.user.name'), name)),
      h('div', {}, field(t('admin.user.email'), email)),
    ),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('admin.user.role'), role)),
      h('div', {}, field(t('admin.user.locale'), locale)),
    ),
    field(t('admin.user.agency'), agency, t('admin.user.agencyHint')),
    committees.node,
    field(t('admin.user.institution'), institution),
    field(t('admin.user.firstPassword'), password, t('admin.user.passwordHint')),
    h('label', { class: 'choice' }, mustChange, t('admin.user.mustChange')),
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('admin.users.create')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const body: Schema<'CreateUserDto'> = {
      email: email.value.trim(),
      name: name.value.trim(),
      password: password.value,
      role: ROLES.find((r) => r === role.value) ?? 'JUDGE',
      locale: LANGUAGES.find((l) => l === locale.value) ?? 'lo',
      committees: committees.read(),
      mustChangePassword: mustChange.checked,
    };
    if (agency.value) body.agencyCode = agency.value;
    if (institution.value.trim()) body.institution = institution.value.trim();
    try {
      const user = await api.post('/api/users', { body });
      navigate(`/admin/users/${user.id}?created=1`);
    } catch (error) {
      refusal(message, error);
    }
  });
  return {
    title: t('admin.users.new'),
    node: h(
      'div',
      {},
      adminCrumbs({ text: t('admin.users.new') }),
      h('h1', {}, t('admin.users.new')),
      h('section', { class: 'panel', 'aria-label': t('admin.users.new') }, form),
    ),
  };
}

export async function userView({ params, query, rerender }: ViewContext): Promise<View> {
  const [user, agencies, twoFactor] = await Promise.all([
    api.get('/api/users/{id}', { path: { id: params.id } }),
    api.get('/api/agencies').then((list) => list.items),
    api.get('/api/users/{id}/totp', { path: { id: params.id } }),
  ]);
  const patch = (body: Schema<'UpdateUserDto'>) =>
    api.patch('/api/users/{id}', { path: { id: user.id }, body });

  // Profile: everything but access and password.
  const name = h('input', { type: 'text', name: 'name', value: user.name, required: true });
  const email = h('input', { type: 'email', name: 'email', value: user.email, required: true });
  const role = roleSelect(user.role, false);
  const agency = agencySelect(agencies, user.agency?.code ?? '', t('admin.user.noAgency'));
  const committees = committeeBoxes(user.committees);
  const institution = h('input', {
    type: 'text',
    name: 'institution',
    value: user.institution ?? '',
  });
  const locale = localeSelect(user.locale);
  const profileMessage = h('div', {});
  const profile = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('admin.user.name'), name)),
      h('div', {}, field(t('admin.user.email'), email)),
    ),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('admin.user.role'), role)),
      h('div', {}, field(t('admin.user.locale'), locale)),
    ),
    field(t('admin.user.agency'), agency, t('admin.user.agencyHint')),
    committees.node,
    field(t('admin.user.institution'), institution),
    profileMessage,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('admin.user.save')),
    ),
  );
  profile.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await patch({
        name: name.value.trim(),
        email: email.value.trim(),
        role: ROLES.find((r) => r === role.value) ?? user.role,
        agencyCode: agency.value || null,
        committees: committees.read(),
        institution: institution.value.trim() || null,
        locale: LANGUAGES.find((l) => l === locale.value) ?? user.locale,
      });
      history.replaceState(null, '', `#/admin/users/${user.id}?saved=1`);
      await rerender({ focusSelector: '#user-saved' });
    } catch (error) {
      refusal(profileMessage, error);
    }
  });

  // Access: deactivate (signed out at once) or reactivate.
  const accessMessage = h('div', {});
  const toggle = h(
    'button',
    { type: 'button', class: user.active ? 'danger' : 'primary', id: 'user-access' },
    user.active ? t('admin.user.deactivate') : t('admin.user.reactivate'),
  );
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      await patch({ active: !user.active });
      history.replaceState(null, '', `#/admin/users/${user.id}`);
      await rerender({ focusSelector: '#user-access-status' });
      announce(user.active ? t('admin.user.deactivatedNow') : t('admin.user.reactivatedNow'));
    } catch (error) {
      toggle.disabled = false;
      refusal(accessMessage, error);
    }
  });

  // Sign out everywhere: every session ends, the password stays.
  const sessionsMessage = h('div', {});
  const endSessions = h(
    'button',
    { type: 'button', class: 'secondary', id: 'user-end-sessions' },
    t('admin.user.endSessions'),
  );
  endSessions.addEventListener('click', async () => {
    endSessions.disabled = true;
    sessionsMessage.replaceChildren();
    try {
      const { ended } = await api.post('/api/users/{id}/sessions/end', { path: { id: user.id } });
      show(sessionsMessage, notice(t('admin.user.sessionsEnded', { count: ended })));
    } catch (error) {
      refusal(sessionsMessage, error);
    } finally {
      endSessions.disabled = false;
    }
  });

  // Two-step sign-in: its state and history, and a reset for a lost phone.
  const twoFactorId = uid('two-factor');
  const twoFactorSection = h('section', { class: 'panel', 'aria-labelledby': twoFactorId });
  function drawTwoFactor(state: Schema<'UserTotpView'>, done?: string): void {
    const twoFactorMessage = h('div', {});
    const reset = h(
      'button',
      { type: 'button', class: 'secondary' },
      t('admin.user.twoFactorReset'),
    );
    reset.addEventListener('click', async () => {
      reset.disabled = true;
      twoFactorMessage.replaceChildren();
      try {
        await api.delete('/api/users/{id}/totp', { path: { id: user.id } });
        const after = await api.get('/api/users/{id}/totp', { path: { id: user.id } });
        drawTwoFactor(after, t('admin.user.twoFactorWasReset'));
      } catch (error) {
        reset.disabled = false;
        refusal(twoFactorMessage, error);
      }
    });
    replace(
      twoFactorSection,
      h('h2', { id: twoFactorId }, t('admin.user.twoFactor')),
      done ? notice(done) : null,
      h(
        'p',
        { id: 'user-two-factor-status', tabindex: '-1' },
        state.enabled
          ? t('admin.user.twoFactorOn', {
              when: formatDateTime(state.enabledAt),
              count: state.recoveryCodesLeft,
            })
          : t('admin.user.twoFactorOff'),
      ),
      state.requiredForRole ? h('p', { class: 'muted' }, t('admin.user.twoFactorRequired')) : null,
      state.history.length
        ? [
            h('h3', {}, t('admin.user.twoFactorHistory')),
            h(
              'ul',
              { class: 'plain-list', id: 'user-two-factor-history' },
              state.history.map((entry) =>
                h(
                  'li',
                  {},
                  h('time', { datetime: entry.at }, formatDateTime(entry.at)),
                  ' · ',
                  t(`admin.user.twoFactorEvent.${entry.event}`, { who: entry.actorName ?? '—' }),
                ),
              ),
            ),
          ]
        : null,
      state.enabled
        ? [
            h('p', {}, t('admin.user.twoFactorResetIntro')),
            twoFactorMessage,
            h('div', { class: 'actions' }, reset),
          ]
        : twoFactorMessage,
    );
    if (done) twoFactorSection.querySelector<HTMLElement>('#user-two-factor-status')?.focus();
  }
  drawTwoFactor(twoFactor);

  // A temporary password, which its owner must change at the next sign-in.
  const password = h('input', {
    type: 'text',
    name: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const mustChange = h('input', { type: 'checkbox', name: 'mustChangePassword', checked: true });
  const passwordMessage = h('div', {});
  const passwordForm = h(
    'form',
    { novalidate: true },
    field(t('admin.user.newPassword'), password, t('admin.user.passwordHint')),
    h('label', { class: 'choice' }, mustChange, t('admin.user.mustChange')),
    passwordMessage,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('admin.user.setPassword')),
    ),
  );
  passwordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    passwordMessage.replaceChildren();
    if (!password.value) {
      show(
        passwordMessage,
        h('p', { class: 'alert', role: 'alert' }, t('admin.user.passwordMissing')),
      );
      return;
    }
    try {
      await patch({ password: password.value, mustChangePassword: mustChange.checked });
      password.value = '';
      show(
        passwordMessage,
        notice(
          mustChange.checked ? t('admin.user.passwordSetTemporary') : t('admin.user.passwordSet'),
        ),
      );
    } catch (error) {
      refusal(passwordMessage, error);
    }
  });

  const profileId = uid('profile');
  const accessId = uid('access');
  const passwordId = uid('password');
  const sessionsId = uid('sessions');
  return {
    title: user.name,
    node: h(
      'div',
      {},
      adminCrumbs({ text: user.name }),
      h('h1', {}, user.name),
      h(
        'p',
        { class: 'muted' },
        `${user.email} · ${t(`role.${user.role}`)} · `,
        statusBadges(user),
      ),
      query.created ? notice(t('admin.user.created')) : null,
      query.saved
        ? h(
            'p',
            { class: 'notice', role: 'status', id: 'user-saved', tabindex: '-1' },
            t('admin.user.saved'),
          )
        : null,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': profileId },
        h('h2', { id: profileId }, t('admin.user.profile')),
        profile,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': accessId },
        h('h2', { id: accessId }, t('admin.user.access')),
        h(
          'p',
          { id: 'user-access-status', tabindex: '-1' },
          user.active ? t('admin.user.isActive') : t('admin.user.isDeactivated'),
        ),
        accessMessage,
        h('div', { class: 'actions' }, toggle),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': sessionsId },
        h('h2', { id: sessionsId }, t('admin.user.sessions')),
        h('p', {}, t('admin.user.sessionsIntro')),
        sessionsMessage,
        h('div', { class: 'actions' }, endSessions),
      ),
      twoFactorSection,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': passwordId },
        h('h2', { id: passwordId }, t('admin.user.temporary')),
        h('p', {}, t('admin.user.temporaryIntro')),
        passwordForm,
      ),
    ),
  };
}
