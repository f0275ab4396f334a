// Entry of dist/server-node.js: the desktop client starts it over IPC; `node dist/server-node.js --stdio` works too.
import { runLanguageServer } from './node-server';

runLanguageServer();
