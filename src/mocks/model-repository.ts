// The public model repository of the demo: the DTDL files bundled under ./model-repository (see its
// SOURCE.md), laid out as in Azure/iot-plugandplay-models. Each file is a lazily loaded chunk; the
// list of paths is known synchronously, a model's @id only once its file is loaded.
import { isDtdlInterface, type DtdlInterface, type ModelResolver } from '../lib/dtdl';
import { dtmiToRepositoryPath, isValidDtmi } from '../lib/dtmi';

const PREFIX = './model-repository/';

const loaders: ReadonlyMap<string, () => Promise<unknown>> = new Map(
  Object.entries(import.meta.glob<unknown>('./model-repository/dtmi/**/*.json', { import: 'default' })).map(
    ([key, load]) => [key.slice(PREFIX.length), load],
  ),
);

/** Loaded models by exact @id: the synchronous side of the cache. */
const models = new Map<string, DtdlInterface>();
/** Loads in flight or done, by repository path, so each file is read once. */
const files = new Map<string, Promise<DtdlInterface[]>>();

/** Repository paths of the bundled models, e.g. `dtmi/com/example/thermostat-1.json`, sorted. */
export function publicModelPaths(): string[] {
  return [...loaders.keys()].sort();
}

/** Whether a file exists at the DTMI's repository path (its @id is checked only when loaded). */
export function hasPublicModel(dtmi: string): boolean {
  return isValidDtmi(dtmi) && loaders.has(dtmiToRepositoryPath(dtmi));
}

function loadFile(path: string): Promise<DtdlInterface[]> {
  const cached = files.get(path);
  if (cached) return cached;
  const load = loaders.get(path);
  const loading = (load ? load() : Promise.resolve(undefined)).then((content) => {
    // A repository file holds one Interface, or (expanded form) an array of them.
    const found = (Array.isArray(content) ? content : [content]).filter(isDtdlInterface);
    for (const model of found) models.set(model['@id'], model);
    return found;
  });
  files.set(path, loading);
  return loading;
}

/**
 * The model with this DTMI, or undefined when the repository has none. DTMIs are case-sensitive:
 * like the model repository clients, a file whose @id differs from the DTMI only in case does not match.
 * The returned model is shared: treat it as read-only.
 */
export async function loadPublicModel(dtmi: string): Promise<DtdlInterface | undefined> {
  if (!isValidDtmi(dtmi)) return undefined;
  const found = await loadFile(dtmiToRepositoryPath(dtmi));
  return found.find((model) => model['@id'] === dtmi);
}

/** The DTMIs of all bundled models, sorted. Loads every file. */
export async function publicModelIds(): Promise<string[]> {
  const all = await Promise.all(publicModelPaths().map(loadFile));
  return all
    .flat()
    .map((model) => model['@id'])
    .sort();
}

/** A model already loaded (by `loadPublicModel` or `loadModelWithDependencies`), synchronously. */
export const resolveLoadedModel: ModelResolver = (dtmi) => models.get(dtmi);

function dependenciesOf(model: DtdlInterface): string[] {
  const refs: unknown[] = [];
  const base: unknown = model.extends;
  if (base !== undefined) refs.push(...(Array.isArray(base) ? base : [base]));
  const contents: unknown[] = Array.isArray(model.contents) ? model.contents : [];
  for (const content of contents) {
    if (typeof content === 'object' && content !== null && 'schema' in content) refs.push(content.schema);
  }
  // Only Interfaces can be extended or be a component's schema, so only they are followed; an inline
  // Interface is searched for its own references. Other schema DTMIs are not repository paths.
  return refs.flatMap((ref) =>
    typeof ref === 'string'
      ? isValidDtmi(ref) && hasPublicModel(ref)
        ? [ref]
        : []
      : isDtdlInterface(ref)
        ? dependenciesOf(ref)
        : [],
  );
}

/**
 * Loads a model and, recursively, every Interface it extends or uses as a component schema, and returns
 * the synchronous resolver for `summarizeCapabilities` and `templateFromModel`. The model itself is
 * `resolve(dtmi)`, which is undefined when the repository does not have it.
 */
export async function loadModelWithDependencies(dtmi: string): Promise<ModelResolver> {
  const visited = new Set<string>();
  let pending = [dtmi];
  while (pending.length > 0) {
    pending.forEach((id) => visited.add(id));
    const loaded = await Promise.all(pending.map(loadPublicModel));
    pending = [
      ...new Set(
        loaded.flatMap((model) => (model ? dependenciesOf(model) : [])).filter((id) => !visited.has(id)),
      ),
    ];
  }
  return resolveLoadedModel;
}
