/** Offset to line/column conversion. Lines and columns here are 0-based UTF-16; callers add 1 for display. */

/** A position as a 0-based line and 0-based UTF-16 column. */
export interface LineColumn {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  column: number;
}

/** Maps offsets of one text to lines and columns. A line ends after `\n` (so `\r\n` counts once). */
export class LineIndex {
  /** Offset at which each line starts. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  /** Number of lines (a text ending in a newline has an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The line and column of an offset (clamped to the text). */
  position(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.starts[lo] };
  }

  /** The offset of a 0-based line and column (clamped to the line). */
  offset(line: number, column: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line];
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return Math.min(start + Math.max(0, column), next);
  }

  /** Offset at which a 0-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
