// The pages of the interface, by hash path (#/g/<id>/v/<n>). Views return {title, node, focus?}.
import { diffView } from './views/diff.js';
import { eventView } from './views/events.js';
import { guidelineView, newGuidelineView } from './views/guideline.js';
import { homeView } from './views/home.js';
import { loginView } from './views/login.js';
import { matrixView } from './views/matrix.js';
import { moveView } from './views/move.js';
import { commentLinkView, notificationsView } from './views/notifications.js';
import { publishView } from './views/publish.js';
import { reportView } from './views/report.js';
import { reviewsView, reviewView } from './views/reviews.js';
import { versionView } from './views/version.js';

export const routes = [
  { path: '/login', view: loginView, public: true },
  { path: '/', view: homeView },
  { path: '/new', view: newGuidelineView },
  { path: '/g/:id', view: guidelineView },
  { path: '/g/:id/v/:n', view: versionView },
  { path: '/g/:id/v/:n/s/:key', view: versionView },
  { path: '/g/:id/diff/:from/:to', view: diffView },
  { path: '/g/:id/publish', view: publishView },
  { path: '/g/:id/matrix', view: matrixView },
  { path: '/g/:id/move', view: moveView },
  { path: '/g/:id/event', view: eventView },
  { path: '/reports', view: reportView },
  { path: '/reviews', view: reviewsView },
  { path: '/reviews/:id', view: reviewView },
  { path: '/notifications', view: notificationsView },
  { path: '/c/:id', view: commentLinkView },
];
