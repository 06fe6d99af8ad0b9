// Files offered as links (Teams): each stored under an unguessable token, downloadable for a day.
import { randomBytes } from 'node:crypto';
import type { FileAttachment } from '../core/messages.js';
import type { Clock, Store } from '../core/ports.js';

/** How long a download link works. */
export const DOWNLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export interface DownloadLink {
  filename: string;
  url: string;
  expiresAt: Date;
}

/** Stores files for one person and answers their download links. */
export type OfferDownloads = (personId: string, files: FileAttachment[]) => Promise<DownloadLink[]>;

export function createDownloadOffer(deps: { store: Pick<Store, 'saveExport'>; clock: Clock; publicUrl: () => string }): OfferDownloads {
  return async (personId, files) => {
    const expiresAt = new Date(deps.clock.now().getTime() + DOWNLOAD_TTL_MS);
    const links: DownloadLink[] = [];
    for (const file of files) {
      // 32 random bytes: 256 bits, base64url (43 characters) so the URL needs no escaping.
      const token = randomBytes(32).toString('base64url');
      await deps.store.saveExport({ token, programId: null, personId, filename: file.filename, contentType: file.contentType, content: file.content, expiresAt });
      links.push({ filename: file.filename, url: `${deps.publicUrl()}/exports/${token}`, expiresAt });
    }
    return links;
  };
}
