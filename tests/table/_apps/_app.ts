// What an app bundled by bench/bundle_size.ts's measure() exports: `run`, which it calls once.
export type Run = (
  region: string,
  accessKeyId: string,
  secretAccessKey: string,
  table: string,
) => Promise<unknown[]>;
