/** Where `npm run build:web` writes the pages and what it records about them (read by the gateway). */
import { join } from 'node:path';
import { projectRoot } from '../platform/paths.js';

export const playgroundDir = join(projectRoot, 'src', 'playground');
export const distDir = join(playgroundDir, 'dist');
export const assetsDir = join(distDir, 'assets');
export const buildInfoPath = join(distDir, 'build.json');

export type PageName = 'playground' | 'explorer';

/** dist/build.json: the page HTML files and every asset name (the gateway serves these and nothing else). */
export interface BuildInfo {
  builtAt: string;
  pages: Record<PageName, string>;
  assets: string[];
}
