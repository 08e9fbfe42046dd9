import type { CatalogueCamera } from '../../../shared/video/catalogue';
import type { HubRoute } from '../hub';

/** Serves the camera catalogue at `/api/cameras`, made once on first request. */
export function catalogueRoute(load: () => Promise<readonly CatalogueCamera[]>): HubRoute {
  let body: Promise<string> | undefined;
  return (path, _req, res, headers) => {
    if (path !== '/api/cameras') return false;
    body ??= load().then((cameras) => JSON.stringify({ cameras }));
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
