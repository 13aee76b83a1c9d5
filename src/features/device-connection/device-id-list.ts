// The Derive device keys tool's input: one or many device IDs, as an operator pastes them.
import { checkDeviceId, type DeviceIdProblem } from '../../lib/device-id';

export const MAX_DERIVE_IDS = 1000;

export interface DeviceIdListProblem {
  id: string;
  problem: DeviceIdProblem;
}

export interface DeviceIdList {
  /** Valid IDs, in order, without duplicates. */
  ids: string[];
  problems: DeviceIdListProblem[];
  /** When there are more than MAX_DERIVE_IDS. */
  tooMany: boolean;
  /** The text with every upper-case ID lowered, when that fixes something. */
  lowerCaseFix: string | undefined;
}

/** Splits on new lines, commas, semicolons, tabs and spaces; checks each ID with the one device ID rule. */
export function parseDeviceIdList(text: string): DeviceIdList {
  const tokens = text.split(/[\s,;]+/).filter((t) => t.length > 0);
  const seen = new Set<string>();
  const ids: string[] = [];
  const problems: DeviceIdListProblem[] = [];
  let hasUpperCase = false;
  for (const token of tokens) {
    if (seen.has(token)) continue;
    seen.add(token);
    const problem = checkDeviceId(token);
    if (problem) {
      problems.push({ id: token, problem });
      if (problem.kind === 'upper-case') hasUpperCase = true;
    } else {
      ids.push(token);
    }
  }
  const lowerCaseFix = hasUpperCase
    ? text.replace(/[^\s,;]+/g, (token) => {
        const problem = checkDeviceId(token);
        return problem?.kind === 'upper-case' ? problem.fix : token;
      })
    : undefined;
  return { ids, problems, tooMany: seen.size > MAX_DERIVE_IDS, lowerCaseFix };
}

/** deviceId,deviceKey lines with a header: what dps-keygen users paste into provisioning scripts. */
export function deviceKeysCsv(rows: readonly { deviceId: string; deviceKey: string }[]): string {
  return ['deviceId,deviceKey', ...rows.map((r) => `${r.deviceId},${r.deviceKey}`)].join('\r\n') + '\r\n';
}
