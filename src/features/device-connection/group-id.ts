// Enrollment group IDs: IoT Central's path rule, and an ID proposed from the group's name.

export const GROUP_ID_MAX_LENGTH = 255;

/** Null when valid; otherwise what is wrong and how to fix it. */
export function checkGroupId(id: string, existingIds: readonly string[] = []): string | null {
  if (id.length === 0) return 'Enter an ID: letters, digits and "-".';
  if (id.length > GROUP_ID_MAX_LENGTH) {
    return `The ID is ${id.length} characters long; the limit is ${GROUP_ID_MAX_LENGTH}.`;
  }
  const bad = [...new Set(id.replace(/[a-zA-Z0-9-]/g, ''))].map((c) => (c === ' ' ? 'space' : `"${c}"`));
  if (bad.length > 0) return `The ID may contain only letters, digits and "-" (found ${bad.join(', ')}).`;
  if (existingIds.some((existing) => existing.toLowerCase() === id.toLowerCase())) {
    return `An enrollment group with the ID "${id}" already exists. Choose another ID.`;
  }
  return null;
}

/** "Factory line 2 (X.509)" -> "factory-line-2-x-509". */
export function groupIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, GROUP_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}
