// GET /exports/<token>: a file offered as a download link, while its link lives (expired: 410, unknown: 404).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/context.js';
import type { Clock, Store } from '../core/ports.js';

export interface DownloadResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The tokens `createDownloadOffer` hands out: 32 random bytes, base64url. */
const TOKEN = /^\/exports\/([A-Za-z0-9_-]{43})$/;

// The URL is the only secret: keep it out of shared caches and referrers.
const PRIVATE = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

function page(status: number, title: string, lines: string[]): DownloadResponse {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
${lines.map((line) => `<p>${line}</p>`).join('\n')}
</body></html>
`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", ...PRIVATE }, body };
}

const NOT_FOUND = page(404, 'Tandem — file not found', [
  'There is no file at this address. Check that the link was copied whole.',
  '<span lang="fr">Aucun fichier à cette adresse. Vérifiez que le lien a été copié en entier.</span>',
]);

const EXPIRED = page(410, 'Tandem — link expired', [
  'This download link has expired (links work for 24 hours). Ask Tandem for the file again to get a fresh link.',
  '<span lang="fr">Ce lien de téléchargement a expiré (les liens sont valables 24 heures). Redemandez le fichier à Tandem pour obtenir un nouveau lien.</span>',
]);

/** The answer to GET `path`, as a pure function of the store and the clock (the HTTP plumbing is below). */
export async function downloadResponse(deps: { store: Pick<Store, 'findExport'>; clock: Clock }, path: string): Promise<DownloadResponse> {
  const token = TOKEN.exec(path)?.[1];
  if (!token) return NOT_FOUND;
  const file = await deps.store.findExport(token);
  if (!file) return NOT_FOUND;
  if (file.expiresAt.getTime() <= deps.clock.now().getTime()) return EXPIRED;
  return {
    status: 200,
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': contentDisposition(file.filename), ...PRIVATE },
    body: file.content,
  };
}

/** attachment, with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'tandem-export';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The route as the HTTP server mounts it: GET and HEAD on /exports/<token>. */
export function createDownloadRoute(deps: { store: Pick<Store, 'findExport'>; clock: Clock; logger: Logger }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void downloadResponse(deps, path)
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'export download failed');
        return { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE }, body: 'The file could not be served. Please try again.\n' };
      })
      .then((answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
        res.end(req.method === 'HEAD' ? undefined : answer.body);
      });
  };
}
