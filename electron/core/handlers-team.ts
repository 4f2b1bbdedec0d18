import type { Handlers } from '../shared/rpc';
import type { TeamLink } from './team-link';

type TeamMethods =
  | 'team.status'
  | 'team.login'
  | 'team.logout'
  | 'team.changePassword'
  | 'team.users'
  | 'team.createUser'
  | 'team.updateUser'
  | 'team.resetPassword'
  | 'team.revoke'
  | 'team.setFourEyes'
  | 'team.next'
  | 'team.answer'
  | 'team.outgoing'
  | 'team.pushed'
  | 'team.cursor'
  | 'team.applyPage'
  | 'team.refsWanted'
  | 'team.addRefs';

/** The team link: logging in, the team screen, the admin's users (decided by the hub), and the connector's push and pull. */
export function teamHandlers(team: TeamLink): Pick<Handlers, TeamMethods> {
  return {
    'team.status': () => team.status(),
    'team.login': (input) => team.login(input),
    'team.logout': () => team.logout(),
    'team.changePassword': (input) => team.hub('hub.changePassword', input),
    'team.users': () => team.hub('users.list', {}),
    'team.createUser': (input) => team.hub('users.create', input),
    'team.updateUser': (input) => team.hub('users.update', input),
    'team.resetPassword': (input) => team.hub('users.resetPassword', input),
    'team.revoke': (input) => team.hub('sessions.revoke', input),
    'team.setFourEyes': (input) => team.hub('settings.fourEyes', input),
    'team.next': (input) => team.next(input),
    'team.answer': (input) => team.answer(input),
    'team.outgoing': (input) => team.outgoing(input),
    'team.pushed': (input) => team.pushed(input),
    'team.cursor': () => team.cursor(),
    'team.applyPage': (input) => team.applyPage(input),
    'team.refsWanted': () => team.refsWanted(),
    'team.addRefs': (input) => team.addRefs(input),
  };
}
