/** Vite bundles CSS imported for its side effect (a lazy screen's own styles load with its chunk). */
declare module '*.css';
