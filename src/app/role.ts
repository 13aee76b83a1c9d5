// The demo's role switch (IoT Central's built-in Administrator and Operator). The role travels in
// the demo token's key name, and the demo backend answers 403 to an operator's admin calls.
import { useSyncExternalStore } from 'react';
import type { Role } from '../api/extensions';

// shell.tsx still takes the type from here.
export type { Role };

export const ROLE_LABELS: Record<Role, string> = { administrator: 'Administrator', operator: 'Operator' };

const KEY = 'iotc-demo-role';
const listeners = new Set<() => void>();

function read(): Role {
  try {
    return localStorage.getItem(KEY) === 'operator' ? 'operator' : 'administrator';
  } catch {
    return 'administrator';
  }
}

let current: Role = typeof localStorage === 'undefined' ? 'administrator' : read();

export function getRole(): Role {
  return current;
}

export function setRole(role: Role): void {
  current = role;
  try {
    localStorage.setItem(KEY, role);
  } catch {
    // Private mode: the role lasts for this page only.
  }
  listeners.forEach((l) => l());
}

export function useRole(): Role {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getRole,
  );
}
