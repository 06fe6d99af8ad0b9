// Worker entry when Tandem runs from its TypeScript sources (vitest, tsx): teach this thread
// TypeScript, then load the real worker. The built worker.js needs none of this.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
