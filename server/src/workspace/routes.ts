import type { App, Services } from '../platform/services.ts';
import { registerPreferenceRoutes } from './preferences.ts';
import { registerPresenceRoutes } from './presence.ts';
import { registerSavedFilterRoutes } from './saved-filters.ts';

/** The agent workspace's own API: saved filters, collision presence, preferences. */
export function registerWorkspaceRoutes(app: App, services: Services) {
  registerSavedFilterRoutes(app, services);
  registerPresenceRoutes(app, services);
  registerPreferenceRoutes(app, services);
}
