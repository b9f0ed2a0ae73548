/** What every setup function returns (with whatever else it offers): undoes what it registered. */
export interface Disposable {
  dispose(): void;
}
