// Bundles the web client (client/src, TypeScript) into public/js/app.js with esbuild, beside the
// static assets the service serves (index.html, app.css, fonts, i18n). `npm run build` runs it
// before `nest build` copies public/ into dist/; `npm run build:client -- --watch` rebuilds on save.
import { build, context, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export const clientBuild: BuildOptions = {
  entryPoints: [join(ROOT, 'client', 'src', 'main.ts')],
  outfile: join(ROOT, 'public', 'js', 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: 'linked',
  // The sources' own tsconfig (DOM library, bundler resolution), not the server's.
  tsconfig: join(ROOT, 'client', 'tsconfig.json'),
  logLevel: 'warning',
};

export async function buildClient(): Promise<void> {
  await build(clientBuild);
}

async function main(): Promise<void> {
  if (process.argv.includes('--watch')) {
    const ctx = await context({ ...clientBuild, logLevel: 'info' });
    await ctx.watch();
    return;
  }
  await buildClient();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
