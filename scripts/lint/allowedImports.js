// @ts-check
import { builtinModules } from 'node:module';

/**
 * An ESLint rule: each layer names the packages it may import (an allow-list, so a new
 * dependency is a decision, not an accident) and whether it may use Node's built-ins, taken from
 * `builtinModules` so none is forgotten. Relative imports are left to no-restricted-imports.
 */
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageOf(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? source);
}

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the packages it lists' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          node: { type: 'boolean' },
        },
        required: ['layer', 'packages'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { layer, packages, node = false } = context.options[0];
    const allowed = new Set(packages);
    /** @param {import('estree').Node} at @param {unknown} source */
    const check = (at, source) => {
      if (typeof source !== 'string' || source.startsWith('.') || source.startsWith('/')) return;
      if (builtins.has(source) || source.startsWith('node:')) {
        if (!node)
          context.report({
            node: at,
            message: `${layer} runs where Node is absent: no '${source}'.`,
          });
        return;
      }
      const name = packageOf(source);
      if (!allowed.has(name))
        context.report({
          node: at,
          message: `${layer} may not import '${name}' (allowed: ${[...allowed].join(', ') || 'none'}).`,
        });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
