// The device state machine, as pure functions shared by the demo backend and its tests.
// Statuses are derived from this state by device-status.ts:
//   New / Import (operator)  -> Registered (or Unassociated without a template)
//   DPS registration         -> a registered device becomes Provisioned; an unknown device is created,
//                               Waiting for approval when Auto approve is off, otherwise Provisioned
//   Approve                  -> Waiting for approval -> Registered (Provisioned on its next registration)
//   Block / Unblock          -> Blocked, then back to whatever it was before
//   Migrate                  -> sets the template (Unassociated -> Registered/Provisioned)

export interface LifecycleState {
  approvalPending: boolean;
  blocked: boolean;
  provisioned: boolean;
  template: string | undefined;
}

export type TransitionError =
  | { code: 'NotWaitingForApproval'; message: string }
  | { code: 'Blocked'; message: string }
  | { code: 'NotApproved'; message: string };

export type Transition = { ok: true; state: LifecycleState } | { ok: false; error: TransitionError };

const ok = (state: LifecycleState): Transition => ({ ok: true, state });

/** The API's `enabled`: a device may connect only when approved and not blocked. */
export function isEnabled(state: LifecycleState): boolean {
  return !state.blocked && !state.approvalPending;
}

export function registerByOperator(template: string | undefined, enabled = true): LifecycleState {
  return { approvalPending: false, blocked: !enabled, provisioned: false, template };
}

export function approve(state: LifecycleState): Transition {
  if (!state.approvalPending) {
    return { ok: false, error: { code: 'NotWaitingForApproval', message: 'The device is not waiting for approval.' } };
  }
  return ok({ ...state, approvalPending: false });
}

export function block(state: LifecycleState): Transition {
  return ok({ ...state, blocked: true });
}

export function unblock(state: LifecycleState): Transition {
  return ok({ ...state, blocked: false });
}

/**
 * PATCH { enabled } as the public API expresses Block, Unblock and Approve:
 * false blocks; true unblocks a blocked device, or else approves a waiting one.
 */
export function setEnabled(state: LifecycleState, enabled: boolean): Transition {
  if (!enabled) return block(state);
  if (state.blocked) return unblock(state);
  if (state.approvalPending) return approve(state);
  return ok(state);
}

export function migrate(state: LifecycleState, template: string | undefined): Transition {
  return ok({ ...state, template });
}

/**
 * A device with valid credentials completed DPS registration.
 * `known` is its current state, or undefined when the app has never seen it.
 */
export function provisionByDevice(
  known: LifecycleState | undefined,
  options: { autoApprove: boolean; template: string | undefined },
): Transition & { created: boolean } {
  if (!known) {
    const state: LifecycleState = {
      approvalPending: !options.autoApprove,
      blocked: false,
      provisioned: options.autoApprove,
      template: options.template,
    };
    return { ok: true, state, created: true };
  }
  if (known.blocked) {
    return { ok: false, created: false, error: { code: 'Blocked', message: 'The device is blocked by an operator.' } };
  }
  if (known.approvalPending) {
    return {
      ok: false,
      created: false,
      error: { code: 'NotApproved', message: 'The device is waiting for approval by an operator.' },
    };
  }
  return { ok: true, created: false, state: { ...known, provisioned: true, template: known.template ?? options.template } };
}
