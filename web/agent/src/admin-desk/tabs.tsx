import type { MessageKey } from '../lib/i18n.ts';
import type { Agent, Role } from '../lib/types.ts';
import { CategoriesAdmin } from './CategoriesAdmin.tsx';
import { RestrictionsAdmin } from './RestrictionsAdmin.tsx';
import { SignInLimits } from './SignInLimits.tsx';
import { TeamsAdmin } from './TeamsAdmin.tsx';
import './desk-admin.css';

/** The admin console's desk screens and who sees them (the API's own rules, mirrored). */
export function deskTabs(role: Role): Array<readonly [string, MessageKey]> {
  const tabs: Array<readonly [string, MessageKey]> = [
    ['/teams', 'admin.tab.teams'],
    ['/categories', 'admin.tab.categories'],
  ];
  // Sign-in limits are for admins only (GET /admin/sign-in-limits).
  if (role === 'admin') tabs.push(['/sign-in-limits', 'admin.tab.signInLimits']);
  tabs.push(['/restrictions', 'admin.tab.restrictions']);
  return tabs;
}

export function DeskAdminTab({ tab, me }: { tab: string; me: Agent }) {
  const canEdit = me.role === 'admin';
  switch (tab) {
    case '/teams':
      return <TeamsAdmin canEdit={canEdit} />;
    case '/categories':
      return <CategoriesAdmin canEdit={canEdit} />;
    case '/sign-in-limits':
      return <SignInLimits />;
    default:
      // Any agent may mute or block (PUT /customers/:id/restriction): supervisors act here too.
      return <RestrictionsAdmin />;
  }
}
