// The pages of the interface, by hash path (#/g/<id>/v/<n>). Views return {title, node, focus?}.
import type { Route } from './router';
import { changePasswordView, forgotPasswordView, resetPasswordView } from './views/account';
import { agenciesView, agencyView } from './views/admin-agencies';
import { answerView } from './views/answer';
import { newUserView, usersView, userView } from './views/admin-users';
import { diffView } from './views/diff';
import { draftView } from './views/draft';
import { eventView } from './views/events';
import { failedEmailsView } from './views/failed-emails';
import { guidelineView, newGuidelineView } from './views/guideline';
import { homeView } from './views/home';
import { loginView } from './views/login';
import { matrixView } from './views/matrix';
import { moveView } from './views/move';
import { notificationPreferencesView } from './views/notification-preferences';
import { commentLinkView, notificationsView } from './views/notifications';
import { publishView } from './views/publish';
import { redlineView } from './views/redline';
import { reportView } from './views/report';
import { reviewsView, reviewView } from './views/reviews';
import { searchView } from './views/search';
import { sessionsView } from './views/sessions';
import { twoFactorView } from './views/two-factor';
import { versionView } from './views/version';

export const routes: Route[] = [
  { path: '/login', view: loginView, public: true },
  { path: '/forgot', view: forgotPasswordView, public: true },
  { path: '/reset', view: resetPasswordView, public: true },
  { path: '/answer/:token', view: answerView, public: true },
  { path: '/account/password', view: changePasswordView },
  { path: '/account/sessions', view: sessionsView },
  { path: '/account/two-factor', view: twoFactorView },
  { path: '/account/notifications', view: notificationPreferencesView },
  { path: '/admin/users', view: usersView },
  { path: '/admin/users/new', view: newUserView },
  { path: '/admin/users/:id', view: userView },
  { path: '/admin/agencies', view: agenciesView },
  { path: '/admin/agencies/:id', view: agencyView },
  { path: '/admin/failed-emails', view: failedEmailsView },
  { path: '/', view: homeView },
  { path: '/new', view: newGuidelineView },
  { path: '/g/:id', view: guidelineView },
  { path: '/g/:id/v/:n', view: versionView },
  { path: '/g/:id/v/:n/s/:key', view: versionView },
  { path: '/g/:id/v/:n/redline/:against', view: redlineView },
  { path: '/g/:id/diff/:from/:to', view: diffView },
  { path: '/g/:id/draft', view: draftView },
  { path: '/g/:id/publish', view: publishView },
  { path: '/g/:id/matrix', view: matrixView },
  { path: '/g/:id/move', view: moveView },
  { path: '/g/:id/event', view: eventView },
  { path: '/g/:id/search', view: searchView },
  { path: '/reports', view: reportView },
  { path: '/reviews', view: reviewsView },
  { path: '/reviews/:id', view: reviewView },
  { path: '/notifications', view: notificationsView },
  { path: '/c/:id', view: commentLinkView },
];
