import type { CatalogueCamera } from '../../../shared/video/catalogue';
import type { HubRoute } from '../hub';

/**
 * Serves the camera catalogue at `/api/cameras`. `load` gives the current list; its JSON is made
 * again only when the list is another (a camera source read it again).
 */
export function catalogueRoute(
  load: () => Promise<readonly CatalogueCamera[]> | readonly CatalogueCamera[],
): HubRoute {
  let body: Promise<string> | undefined;
  let of: readonly CatalogueCamera[] | undefined;
  return (path, _req, res, headers) => {
    if (path !== '/api/cameras') return false;
    const current = load();
    if (!(current instanceof Promise) && current !== of) {
      of = current;
      body = undefined;
    }
    body ??= Promise.resolve(current).then((cameras) => JSON.stringify({ cameras }));
    body.then(
      (text) =>
        res
          .writeHead(200, {
            ...headers,
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-cache',
          })
          .end(text),
      (error: unknown) => {
        body = undefined;
        res.writeHead(500, headers).end(String(error));
      },
    );
    return true;
  };
}
