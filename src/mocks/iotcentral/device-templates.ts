import { http, HttpResponse } from 'msw';
import type { DeviceTemplate } from '../../api/types';
import { checkName, TEMPLATE_NAME_MAX_LENGTH } from '../../lib/names';
import { badRequest, notFound } from '../../lib/domain-error';
import { handler } from '../http';
import type { Store } from '../store/store';

/** Templates with where they came from: the demo's extension field `source`. */
function toApiTemplate(store: Store, id: string): DeviceTemplate & { source: string } {
  const record = store.templates.get(id);
  if (!record) throw notFound(`Device template "${id}"`);
  return { ...record.template, source: record.source };
}

export function deviceTemplateHandlers(store: Store) {
  return [
    http.get(
      '*/api/deviceTemplates',
      handler(() => HttpResponse.json({ value: [...store.templates.keys()].map((id) => toApiTemplate(store, id)) })),
    ),
    http.get(
      '*/api/deviceTemplates/:templateId',
      handler(({ params }) => HttpResponse.json(toApiTemplate(store, params.templateId as string))),
    ),
    http.put(
      '*/api/deviceTemplates/:templateId',
      handler(async ({ params, json }) => {
        const id = params.templateId as string;
        const body = await json();
        if (!body.capabilityModel || typeof body.capabilityModel !== 'object') {
          throw badRequest('A device template needs a "capabilityModel" (a DTDL interface).');
        }
        if (body.displayName !== undefined) {
          if (typeof body.displayName !== 'string') throw badRequest('"displayName" must be text.');
          const nameProblem = checkName(body.displayName, 'Device template name', TEMPLATE_NAME_MAX_LENGTH);
          if (nameProblem) throw badRequest(nameProblem);
        }
        store.templates.set(id, {
          source: 'app',
          template: {
            ...(body as DeviceTemplate),
            '@id': id,
            '@type': ['ModelDefinition', 'DeviceModel'],
            etag: store.nextEtag(),
          },
        });
        store.changed();
        return HttpResponse.json(toApiTemplate(store, id));
      }),
    ),
  ];
}
