// The one place libsodium is loaded. Every other module asks for it through getSodium().
import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | undefined;

/** Resolves once libsodium's WebAssembly is initialised (Node and browser alike). */
export function getSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}
