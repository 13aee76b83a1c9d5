// The parts of a DTDL v2/v3 Interface that this console reads, a summary of a model's capabilities,
// and the device template the demo backend makes from a public model. Models are JSON-LD read from
// files, so every reader here tolerates `@type` as a string or an array (semantic types such as
// ["Telemetry", "Temperature"]) and texts as a string or a language map ({ "en": "..." }).
import type { DeviceTemplate } from '../api/types';
import { parseDtmi } from './dtmi';

export type DtdlTypes = string | string[];
export type LocalizedText = string | Record<string, string>;
export type DtdlContentKind = 'Telemetry' | 'Property' | 'Command' | 'Relationship' | 'Component';

interface DtdlEntity {
  '@id'?: string;
  '@type': DtdlTypes;
  comment?: string;
  displayName?: LocalizedText;
  description?: LocalizedText;
}

/** A complex schema (Object, Enum, Map, Array, or a geospatial type) is kept as it is written. */
export interface DtdlComplexSchema {
  '@id'?: string;
  '@type': DtdlTypes;
  [key: string]: unknown;
}

/** A primitive schema name ('double'), a DTMI of a schema in the Interface's `schemas`, or inline. */
export type DtdlSchema = string | DtdlComplexSchema;

export interface DtdlTelemetry extends DtdlEntity {
  name: string;
  schema: DtdlSchema;
  unit?: string;
}

export interface DtdlProperty extends DtdlEntity {
  name: string;
  schema: DtdlSchema;
  unit?: string;
  writable?: boolean;
}

export interface DtdlCommandPayload extends Partial<DtdlEntity> {
  name: string;
  schema: DtdlSchema;
  nullable?: boolean;
}

export interface DtdlCommand extends DtdlEntity {
  name: string;
  /** DTDL v2 only, and deprecated there. */
  commandType?: 'synchronous' | 'asynchronous';
  request?: DtdlCommandPayload;
  response?: DtdlCommandPayload;
}

export interface DtdlRelationship extends DtdlEntity {
  name: string;
  target?: string;
  writable?: boolean;
  minMultiplicity?: number;
  maxMultiplicity?: number;
  properties?: DtdlProperty[];
}

export interface DtdlComponent extends DtdlEntity {
  name: string;
  /** The DTMI of an Interface, or the Interface itself (as in a device template's capability model). */
  schema: string | DtdlInterface;
}

export type DtdlContent = DtdlTelemetry | DtdlProperty | DtdlCommand | DtdlRelationship | DtdlComponent;

export interface DtdlInterface extends DtdlEntity {
  '@context'?: string | string[];
  '@id': string;
  contents?: DtdlContent[];
  extends?: string | DtdlInterface | (string | DtdlInterface)[];
  schemas?: DtdlComplexSchema[];
}

/** Finds a model by DTMI; returns undefined when it is not known (yet). */
export type ModelResolver = (dtmi: string) => DtdlInterface | undefined;

const CONTENT_KINDS: readonly DtdlContentKind[] = [
  'Telemetry',
  'Property',
  'Command',
  'Relationship',
  'Component',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typesOf(entity: { '@type'?: unknown }): string[] {
  const types = entity['@type'];
  if (typeof types === 'string') return [types];
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
}

/** Checks the shape of parsed JSON: an object whose `@type` includes "Interface" and that has an `@id`. */
export function isDtdlInterface(value: unknown): value is DtdlInterface {
  return isRecord(value) && typeof value['@id'] === 'string' && typesOf(value).includes('Interface');
}

/** Which kind of content an entry of `contents` is, or undefined for anything else. */
export function contentKind(content: unknown): DtdlContentKind | undefined {
  if (!isRecord(content) || typeof content['name'] !== 'string') return undefined;
  const types = typesOf(content);
  return CONTENT_KINDS.find((kind) => types.includes(kind));
}

/** The English text of a string or language map: "en", then any "en-*", then the first entry. */
export function englishText(text: unknown): string | undefined {
  if (typeof text === 'string') return text;
  if (!isRecord(text)) return undefined;
  const entries = Object.entries(text).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const english = entries.find(([lang]) => lang === 'en') ?? entries.find(([lang]) => /^en[-_]/i.test(lang));
  return (english ?? entries[0])?.[1];
}

/** What a model looks like to an operator: the display name, or else the last segment of its DTMI. */
export function modelDisplayName(model: DtdlInterface): string {
  return englishText(model.displayName) ?? parseDtmi(model['@id'])?.segments.at(-1) ?? model['@id'];
}

// --- Summary ---------------------------------------------------------------------------------------

interface CapabilityBase {
  name: string;
  /** The English display name, or the name when the model has none. */
  displayName: string;
  description?: string;
  /** The co-types beside the class, e.g. ['Temperature']. */
  semanticTypes: string[];
  /** The `@id` of the Interface that declares it: the model itself or one it extends. */
  definedBy: string;
}

export interface TelemetrySummary extends CapabilityBase {
  /** A primitive schema name, a schema DTMI, or the class of an inline schema ('Object', 'Enum' ...). */
  schema: string;
  unit?: string;
}

export interface PropertySummary extends CapabilityBase {
  schema: string;
  unit?: string;
  writable: boolean;
}

export interface CommandPayloadSummary {
  name: string;
  displayName: string;
  schema: string;
}

export interface CommandSummary extends CapabilityBase {
  request?: CommandPayloadSummary;
  response?: CommandPayloadSummary;
}

export interface RelationshipSummary extends CapabilityBase {
  target?: string;
  writable: boolean;
}

export interface ComponentSummary extends CapabilityBase {
  /** The DTMI of the component's Interface. */
  schema: string;
  /** The component Interface's own capabilities, when the resolver knows it. */
  capabilities?: CapabilitySummary;
}

export interface CapabilitySummary {
  telemetry: TelemetrySummary[];
  properties: PropertySummary[];
  commands: CommandSummary[];
  relationships: RelationshipSummary[];
  components: ComponentSummary[];
  /** DTMIs of extended or component Interfaces that the resolver did not know, at any depth. */
  unresolved: string[];
}

function schemaLabel(schema: unknown): string {
  if (typeof schema === 'string') return schema;
  if (isRecord(schema)) return typesOf(schema)[0] ?? 'unknown';
  return 'unknown';
}

function interfaceOf(ref: unknown, resolve: ModelResolver): DtdlInterface | undefined {
  if (typeof ref === 'string') return resolve(ref);
  return isDtdlInterface(ref) ? ref : undefined;
}

function refId(ref: unknown): string {
  return typeof ref === 'string' ? ref : isRecord(ref) && typeof ref['@id'] === 'string' ? ref['@id'] : '';
}

function extendsOf(model: DtdlInterface): unknown[] {
  const base: unknown = model.extends;
  return base === undefined ? [] : Array.isArray(base) ? base : [base];
}

/** The model's own contents first, then those of the Interfaces it extends, depth first. */
function collectContents(
  model: DtdlInterface,
  resolve: ModelResolver,
  seen: Set<string>,
  unresolved: Set<string>,
): { content: Record<string, unknown>; definedBy: string }[] {
  if (seen.has(model['@id'])) return [];
  seen.add(model['@id']);
  const contents: unknown[] = Array.isArray(model.contents) ? model.contents : [];
  const own = contents.filter(isRecord).map((content) => ({ content, definedBy: model['@id'] }));
  const inherited = extendsOf(model).flatMap((ref) => {
    const base = interfaceOf(ref, resolve);
    if (!base) {
      if (refId(ref)) unresolved.add(refId(ref));
      return [];
    }
    return collectContents(base, resolve, seen, unresolved);
  });
  return [...own, ...inherited];
}

function base(content: Record<string, unknown>, kind: DtdlContentKind, definedBy: string): CapabilityBase {
  const name = String(content['name']);
  const description = englishText(content['description']);
  return {
    name,
    displayName: englishText(content['displayName']) ?? name,
    ...(description === undefined ? {} : { description }),
    semanticTypes: typesOf(content).filter((t) => t !== kind),
    definedBy,
  };
}

function unitOf(content: Record<string, unknown>): { unit?: string } {
  return typeof content['unit'] === 'string' ? { unit: content['unit'] } : {};
}

function payload(value: unknown): CommandPayloadSummary | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string') return undefined;
  return {
    name: value['name'],
    displayName: englishText(value['displayName']) ?? value['name'],
    schema: schemaLabel(value['schema']),
  };
}

function summarize(model: DtdlInterface, resolve: ModelResolver, path: Set<string>): CapabilitySummary {
  const unresolved = new Set<string>();
  const summary: CapabilitySummary = {
    telemetry: [],
    properties: [],
    commands: [],
    relationships: [],
    components: [],
    unresolved: [],
  };
  const names = new Set<string>();
  for (const { content, definedBy } of collectContents(model, resolve, new Set(), unresolved)) {
    const kind = contentKind(content);
    if (!kind || names.has(String(content['name']))) continue;
    names.add(String(content['name']));
    const common = base(content, kind, definedBy);
    const writable = content['writable'] === true;
    if (kind === 'Telemetry') {
      summary.telemetry.push({ ...common, schema: schemaLabel(content['schema']), ...unitOf(content) });
    } else if (kind === 'Property') {
      summary.properties.push({
        ...common,
        schema: schemaLabel(content['schema']),
        ...unitOf(content),
        writable,
      });
    } else if (kind === 'Command') {
      const request = payload(content['request']);
      const response = payload(content['response']);
      summary.commands.push({ ...common, ...(request && { request }), ...(response && { response }) });
    } else if (kind === 'Relationship') {
      const target = typeof content['target'] === 'string' ? { target: content['target'] } : {};
      summary.relationships.push({ ...common, ...target, writable });
    } else {
      const schemaId = refId(content['schema']);
      const schema = interfaceOf(content['schema'], resolve);
      if (!schema && schemaId) unresolved.add(schemaId);
      // A component whose schema is on the current path would recurse forever; list it without capabilities.
      const capabilities =
        schema && !path.has(schema['@id'])
          ? summarize(schema, resolve, new Set([...path, schema['@id']]))
          : undefined;
      capabilities?.unresolved.forEach((id) => unresolved.add(id));
      summary.components.push({ ...common, schema: schemaId, ...(capabilities && { capabilities }) });
    }
  }
  summary.unresolved = [...unresolved];
  return summary;
}

/**
 * Telemetry, properties, commands, relationships and components of a model, including what it
 * inherits through `extends`, with English display names. Component schemas and extended Interfaces
 * are found through `resolve` (or inline); the DTMIs it cannot find are listed in `unresolved`.
 */
export function summarizeCapabilities(model: DtdlInterface, resolve: ModelResolver): CapabilitySummary {
  return summarize(model, resolve, new Set([model['@id']]));
}

// --- Device template -------------------------------------------------------------------------------

export const IOTC_CONTEXT = 'dtmi:iotcentral:context;2';
export const DTDL_V2_CONTEXT = 'dtmi:dtdl:context;2';

/** An IoT Central device template made from a model: `@id` is the model's DTMI. */
export type ModelDeviceTemplate = Omit<DeviceTemplate, '@id' | 'capabilityModel'> & {
  '@id': string;
  '@context': string[];
  capabilityModel: DtdlInterface;
};

function contextsOf(model: DtdlInterface): string[] {
  const context = model['@context'];
  return typeof context === 'string' ? [context] : Array.isArray(context) ? context : [];
}

/** A copy of the model without `@context`, with component schemas and extended Interfaces inlined. */
function inline(model: DtdlInterface, resolve: ModelResolver, path: Set<string>): DtdlInterface {
  const inlineRef = (ref: string | DtdlInterface): string | DtdlInterface => {
    const found = interfaceOf(ref, resolve);
    if (!found || path.has(found['@id'])) return ref;
    return inline(found, resolve, new Set([...path, found['@id']]));
  };
  const { '@context': _context, ...rest } = model;
  const copy: DtdlInterface = { ...rest };
  if (model.contents) {
    copy.contents = model.contents.map((content) =>
      contentKind(content) === 'Component'
        ? { ...content, schema: inlineRef((content as DtdlComponent).schema) }
        : content,
    );
  }
  if (model.extends !== undefined) {
    copy.extends = Array.isArray(model.extends) ? model.extends.map(inlineRef) : inlineRef(model.extends);
  }
  return copy;
}

/**
 * The device template IoT Central makes when a device announces a model that only the public model
 * repository has: `@id` is the model's DTMI and the capability model is the model itself, with the
 * Interfaces of its components (and those it extends) inlined when `resolve` knows them.
 */
export function templateFromModel(model: DtdlInterface, resolve: ModelResolver): ModelDeviceTemplate {
  const contexts = contextsOf(model).filter((c) => c !== IOTC_CONTEXT);
  const description = englishText(model.description);
  return structuredClone({
    '@id': model['@id'],
    '@type': ['ModelDefinition', 'DeviceModel'],
    '@context': [IOTC_CONTEXT, ...(contexts.length > 0 ? contexts : [DTDL_V2_CONTEXT])],
    displayName: modelDisplayName(model),
    ...(description === undefined ? {} : { description }),
    capabilityModel: inline(model, resolve, new Set([model['@id']])),
  });
}
