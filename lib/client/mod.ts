// Public surface of this layer; mod.ts re-exports it.
export {};
