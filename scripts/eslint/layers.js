// A local ESLint rule for the dependency rules of STYLE.md: app -> features -> (api, components, lib),
// with mocks beside them. It resolves each relative import to the layer it lands in.
import path from 'node:path';

const SRC = `${path.sep}src${path.sep}`;

function layerOf(file) {
  const at = file.lastIndexOf(SRC);
  if (at < 0) return undefined;
  const [top, feature] = file.slice(at + SRC.length).split(path.sep);
  if (!top || top.includes('.')) return { layer: 'root' };
  return top === 'features' ? { layer: 'features', feature } : { layer: top };
}

const PACKAGES_BANNED = {
  api: [/^react(-dom)?(\/|$)/, /^@mui\//],
  lib: [/^react(-dom)?(\/|$)/, /^@mui\/(?!material\/styles$)/, /^@tanstack\//],
  mocks: [/^react(-dom)?(\/|$)/, /^@mui\//, /^@tanstack\//],
  components: [],
  features: [],
  app: [],
};

/** What each layer may import; `types` = type-only imports allowed. */
const ALLOWED = {
  app: { values: ['app', 'features', 'api', 'components', 'lib'] },
  features: { values: ['api', 'components', 'lib'] },
  components: { values: ['components', 'lib'] },
  api: { values: ['api', 'lib'] },
  lib: { values: ['lib'], types: ['api'] },
  mocks: { values: ['mocks', 'lib'], types: ['api'] },
};

export const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        const rules = from && ALLOWED[from.layer];
        if (!rules) return {};
        const check = (node, source, isTypeOnly) => {
          if (!source.startsWith('.')) {
            const banned = PACKAGES_BANNED[from.layer]?.find((re) => re.test(source));
            if (banned) context.report({ node, message: `${from.layer} must not import "${source}" (STYLE.md, dependency rules).` });
            return;
          }
          const resolved = path.resolve(path.dirname(context.filename), source);
          // The console server (server/) hosts src/; nothing in src/ depends on it.
          if (resolved.includes(`${path.sep}server${path.sep}`) && !resolved.includes(SRC)) {
            context.report({ node, message: 'src/ must not import server/ (STYLE.md, dependency rules).' });
            return;
          }
          const target = layerOf(resolved);
          if (!target) return;
          if (target.layer === 'features' && from.layer === 'features') {
            if (target.feature !== from.feature) {
              context.report({ node, message: `Feature "${from.feature}" must not import feature "${target.feature}": move the shared part into lib or components.` });
            }
            return;
          }
          if (/(^|\/)index(\.tsx?)?$/.test(source)) context.report({ node, message: 'No barrel files: import the file itself.' });
          const ok = rules.values.includes(target.layer) || (isTypeOnly && rules.types?.includes(target.layer));
          if (!ok) context.report({ node, message: `${from.layer} must not import ${target.layer}${rules.types?.includes(target.layer) ? ' at runtime (type-only imports are fine)' : ''} (STYLE.md, dependency rules).` });
        };
        return {
          ImportDeclaration(node) {
            const isTypeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
            check(node, node.source.value, isTypeOnly);
          },
          ImportExpression(node) {
            if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
          },
          ExportNamedDeclaration(node) {
            if (node.source) check(node, node.source.value, node.exportKind === 'type');
          },
          // `export * from '…'` and `export type * from '…'` re-export a layer as much as an import does.
          ExportAllDeclaration(node) {
            check(node, node.source.value, node.exportKind === 'type');
          },
        };
      },
    },
  },
};
