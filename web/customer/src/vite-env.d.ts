/** Vite bundles imported CSS. */
declare module '*.css';
