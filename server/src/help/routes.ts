import type { App, Services } from '../platform/services.ts';
import { registerHelpAdminRoutes } from './admin-routes.ts';
import { registerHelpPublicRoutes } from './public-routes.ts';

/** The help center's API: public pages and search for customers, and the admin API. */
export function registerHelpRoutes(app: App, services: Services) {
  registerHelpPublicRoutes(app, services);
  registerHelpAdminRoutes(app, services);
}
