/** Saving text the page built (a CSV) as a file download. */

/** Offers `text` as a download named `name`. */
export function saveText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** A file name for data under the current filters: `name_region_Japan.csv`. */
export function csvName(name: string, search: string): string {
  return `${name}${search.replace(/[?&=]/g, '_')}.csv`;
}
