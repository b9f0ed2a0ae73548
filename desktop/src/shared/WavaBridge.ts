import type { EventEntry, InvokeEntry, SendEntry, sharingBarIpc, wavaIpc } from './ipcContract.js';
import type { IpcSchemaName, IpcValue } from './ipcSchemaRegistry.js';

export type BridgeUnsubscribe = () => void;

/**
 * Main -> renderer events arrive as `unknown`: the renderer validates them with the entry's schema before use,
 * so a mistake on either side shows up as a logged rejection, not as undefined behaviour.
 */
export type BridgeListener = (payload: unknown) => void;

/** A request without fields (`emptySchema`) is a call without arguments. */
type Args<N extends IpcSchemaName> = IpcValue<N> extends Record<string, never> ? [] : [request: IpcValue<N>];

/** The bridge function of one contract entry. */
export type BridgeFunction<E> =
  E extends InvokeEntry<string, infer Req, infer Res>
    ? (...args: Args<Req>) => Promise<IpcValue<Res>>
    : E extends SendEntry<string, infer P>
      ? (...args: Args<P>) => void
      : E extends EventEntry
        ? (listener: BridgeListener) => BridgeUnsubscribe
        : never;

/** The functions a contract group becomes: `{ auth: { login(request), ... } }`. */
export type BridgeOf<G> = { -readonly [K in keyof G]: BridgeFunction<G[K]> };

/**
 * What the preload exposes as `window.wava` in the Wava window, derived from `wavaIpc`: a few named functions and
 * event subscriptions. Never `ipcRenderer` itself, never Node. The main process validates every argument again.
 */
export type WavaBridge = { readonly version: 1 } & {
  readonly [Group in keyof typeof wavaIpc]: BridgeOf<(typeof wavaIpc)[Group]>;
};

/** The sharing bar's window gets only this, from its own preload. */
export type SharingBarBridge = { readonly version: 1 } & BridgeOf<typeof sharingBarIpc>;
