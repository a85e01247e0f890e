/**
 * `local/layering`: which folder may import which. Each layer names the folders (and packages) its files may
 * not import, resolved from the importing file, so `../../sandbox/x.js` is caught whatever the depth.
 * Static imports, re-exports and dynamic `import()` are all checked.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Repository-relative, forward slashes: `electron/core/app/runtime.ts`. */
function repoPath(root, file) {
  return path.relative(root, file).split(path.sep).join('/');
}

function describeTarget(source, resolved) {
  return resolved ? `"${source}" (${resolved})` : `"${source}"`;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports flowing the way the architecture says' },
    schema: [
      {
        type: 'object',
        properties: {
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                files: { type: 'string' },
                /** Folders (repository-relative, ending in /) this layer may not import. */
                forbiddenFolders: { type: 'array', items: { type: 'string' } },
                /** When set: the only folders this layer may import relatively. */
                onlyFolders: { type: 'array', items: { type: 'string' } },
                forbiddenPackages: { type: 'array', items: { type: 'string' } },
                /** Node's built-in modules are off limits (code that runs in a browser). */
                noNodeBuiltins: { type: 'boolean' },
                /** Files of the layer allowed to import a forbidden folder: { file: [folders] }. */
                exceptions: { type: 'object' },
              },
              required: ['name', 'files'],
            },
          },
        },
        required: ['layers'],
      },
    ],
    messages: {
      forbidden: '{{layer}} must not import {{target}}: {{why}}',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = repoPath(root, context.filename);
    const layers = context.options[0].layers.filter((layer) => file.startsWith(layer.files));
    if (layers.length === 0) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      const relative = source.startsWith('.');
      const resolved = relative ? repoPath(root, path.resolve(path.dirname(context.filename), source)) : null;
      for (const layer of layers) {
        const why = violation(layer, source, resolved);
        if (why) {
          context.report({
            node,
            messageId: 'forbidden',
            data: { layer: layer.name, target: describeTarget(source, resolved), why },
          });
        }
      }
    }

    function violation(layer, source, resolved) {
      if (resolved === null) {
        const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
        if ((layer.forbiddenPackages ?? []).includes(pkg)) return `the package ${pkg} is off limits here`;
        if (layer.noNodeBuiltins && NODE_BUILTINS.has(source)) return 'Node modules are off limits here';
        return null;
      }
      const allowedHere = layer.exceptions?.[file] ?? [];
      if (allowedHere.some((folder) => resolved.startsWith(folder))) return null;
      if (layer.onlyFolders && !layer.onlyFolders.some((folder) => resolved.startsWith(folder)))
        return `only ${layer.onlyFolders.join(', ')} may be imported here`;
      const folder = (layer.forbiddenFolders ?? []).find((f) => resolved.startsWith(f));
      return folder ? `${folder} is off limits here` : null;
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
