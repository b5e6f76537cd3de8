// Jest global setup of the e2e project: the browser tests serve public/js/app.js, so it is built
// from client/src first (a fraction of a second), never a stale bundle from an earlier build.
import { buildClient } from '../../scripts/build-client';

export default async function setup(): Promise<void> {
  await buildClient();
}
