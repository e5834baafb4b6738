import type { TableId } from '@gongkai/report-model';

/** Where a piece of text sits in the input: a 1-based line, and/or a table cell reference. */
export type SourceLocation = { readonly line?: number; readonly cell?: string };

export type SourceCell = { readonly text: string; readonly location: SourceLocation };

/**
 * The common shape every reader produces: the document as a sequence of lines, where a line is
 * either prose (`cells` null) or one row of a table (`cells` in printed order). `text` is
 * normalised (half-width digits and brackets), `raw` is as printed.
 */
export type SourceLine = {
  readonly raw: string;
  readonly text: string;
  readonly cells: readonly SourceCell[] | null;
  readonly location: SourceLocation;
  /** Index of the table this row belongs to, when the reader knows table boundaries. */
  readonly table?: number;
  /**
   * A row the page-text reader cut out of a token stream: its cells are the label and the tokens
   * found before the next label, so fewer tokens than cells means glued cells, not blank ones.
   */
  readonly stream?: boolean;
  /** The row the reader anchored this line on, when it knows it. */
  readonly anchor?: { readonly table: TableId; readonly row: string };
};

export type SourceDocument = {
  readonly lines: readonly SourceLine[];
  readonly format: 'text' | 'html' | 'docx' | 'pdf';
  readonly warnings: readonly string[];
  /** Source lines of images outside tables (a table published as a picture, perhaps). */
  readonly images?: readonly number[];
};
