// Small helpers every bench script needs: a command-line option's value, and the median of repeated runs.

/** The value after `--name` on the command line, or `def` when the option is absent. */
export function option(name, def, argv = process.argv.slice(2)) {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? def : argv[i + 1];
}

/** The median (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
