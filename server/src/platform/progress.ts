/** Progress of a long operator command: how many of how many are done, and the current item. */
export type Progress = (done: number, total: number, item: string) => void;

/** A text progress bar for a terminal, redrawn in place: [#####-----] 12/40 zh-CN/file.md */
export function progressBar(write: (s: string) => void = (s) => process.stderr.write(s)): Progress {
  return (done, total, item) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${item.slice(-40).padEnd(40)}`,
    );
    if (done === total) write('\n');
  };
}

/**
 * Progress for a log or a pipe (no terminal to redraw on): a plain line about every 5 %, and the
 * last one, so a 10,000-article import prints ~20 lines rather than 10,000.
 */
export function progressLines(
  verb: string,
  write: (s: string) => void = (s) => process.stderr.write(s),
): Progress {
  let next = 0;
  return (done, total, item) => {
    if (done < next && done !== total) return;
    next = done + Math.max(1, Math.floor(total / 20));
    write(`${verb} ${done}/${total} (${Math.round((done / Math.max(total, 1)) * 100)}%) ${item}\n`);
  };
}
