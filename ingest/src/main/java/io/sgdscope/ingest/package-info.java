/**
 * Ingest: maps records of topics sgdscope does not own onto {@code Sample}s, as the {@code ingest:}
 * section of the configuration declares.
 */
package io.sgdscope.ingest;
