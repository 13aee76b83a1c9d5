// Boot against a real application (the console server in real-application mode, server/gateway): ask the
// gateway what it offers and who signed in; without a session, go to sign-in and come back here.
import { loadCapabilities } from '../api/capabilities';
import { setRole } from './role';

/** False when the page is leaving for sign-in. */
export async function startRealMode(): Promise<boolean> {
  const { session } = await loadCapabilities();
  if (!session) {
    location.assign(`/auth/sign-in?returnTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
    return false;
  }
  // The role the gateway enforces, so that the screens offer only what it will forward.
  setRole(session.role);
  return true;
}
