import type { App, Services } from '../platform/services.ts';
import { registerHelpArticleRoutes } from './admin-article-routes.ts';
import { registerHelpContentRoutes } from './admin-content-routes.ts';
import { registerHelpStructureRoutes } from './admin-structure-routes.ts';
import { registerHelpImageRoutes } from './image-routes.ts';

/**
 * The help center's admin API (admins, or tokens with help:write), one file per concern:
 * structure (sections, categories), articles (with versions and preview), content (announcements,
 * synonyms, the search-gaps report), and article images (upload, and the public image URL).
 */
export function registerHelpAdminRoutes(app: App, services: Services) {
  registerHelpStructureRoutes(app, services);
  registerHelpArticleRoutes(app, services);
  registerHelpContentRoutes(app, services);
  registerHelpImageRoutes(app, services);
}
