// `npm run analyze` writes custom-elements.json from the JSDoc on each element class.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/elements/**/define.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
