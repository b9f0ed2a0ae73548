// The sign-in shell's script, bundled on its own by desktop/vite/prerenderSignInShell.ts: a few KB that arrive
// well before the app and decide whether the prerendered sign-in form shows.
import { revealSignInShell } from './revealSignInShell.js';

void revealSignInShell(window);
