/**
 * The run store: every event of a search ({@link org.optsearch.search.SearchListener}) recorded in an
 * embedded SQLite file with a plain SQL schema ({@link org.optsearch.store.Schema}; each distinct line of
 * program text stored once, views giving every program's text), written in batches by a background thread
 * ({@link org.optsearch.store.RunStore}), read back for reports and resume
 * ({@link org.optsearch.store.StoredRun}, {@link org.optsearch.store.ResumePoint}).
 */
package org.optsearch.store;
