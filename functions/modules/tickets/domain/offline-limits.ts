/** Bounds of what offline scanners exchange with the server (contracts and use cases share them). */

/** Scans per upload: about 45 KB of typical codes, inside the 64 KB request body limit. */
export const maxScansPerUpload = 100;

/** Entries (tickets, revoked tickets, people inside) after which a download answer stops: bounds its size. */
export const entriesPerAnswer = 2_000;
