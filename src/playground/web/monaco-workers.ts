/**
 * Monaco (GraphiQL 5's editor) runs language services in web workers. They are built by
 * src/playground/build.ts next to this bundle and loaded from the gateway, never from a CDN.
 */
declare const __MONACO_WORKERS__: { editor: string; json: string; graphql: string };

export function installMonacoWorkers() {
  const files = __MONACO_WORKERS__;
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      const file = label === 'json' ? files.json : label === 'graphql' ? files.graphql : files.editor;
      return new Worker(new URL(file, import.meta.url), { name: `monaco-${label}` });
    },
  };
}
