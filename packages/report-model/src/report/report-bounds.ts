/** Longest text accepted for one section of prose (a long real report section is ~20k chars). */
export const MAX_SECTION_CHARS = 200_000;
/** Longest accepted short string (names, titles, regions, units). */
export const MAX_SHORT_CHARS = 1_000;
/** Largest accepted count (no report prints more than a billion of anything). */
export const MAX_COUNT = 1_000_000_000;
