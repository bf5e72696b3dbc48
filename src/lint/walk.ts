/** The AST walker lives in the syntax layer (the load check and the simulator use it too). */
export * from '../syntax/walk.js';
