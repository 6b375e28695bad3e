/**
 * The base error classes every layer uses: `DynafetchError`, and `ValidationError` for bad input caught
 * before anything is sent. (lib/errors.ts holds them, with the helpers the layers throw them by.)
 *
 * This module is browser compatible.
 *
 * @module
 */
// The package root re-exports this module with `export *`, which an application importing through it does
// not make reached by a bundler that splits code; a named re-export in the root would, and with it every
// layer's mod.ts and all they re-export (see lib/table/_lazy.ts). Here the named re-export reaches only
// lib/errors.ts.
export { DynafetchError, ValidationError } from "../errors.ts";
export type { ValidationErrorDetails } from "../errors.ts";
