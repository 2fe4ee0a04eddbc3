/* Runs last among the content scripts registered for the sites the user chose to annotate automatically. */
globalThis.__crosscheck.auto();
