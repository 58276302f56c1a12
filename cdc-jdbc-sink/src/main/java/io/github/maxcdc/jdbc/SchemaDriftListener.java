package io.github.maxcdc.jdbc;

/**
 * Receives what a {@link SourceSchemaWatch} finds.
 *
 * <p>Threading: called on the watch's own thread, one drift at a time. Exceptions are logged and
 * otherwise ignored. A listener that stops the stream (closes its client) may do so from here.
 */
@FunctionalInterface
public interface SchemaDriftListener {

  /** MaxScale has lost track of the watched table; see {@link SchemaDrift#message()}. */
  void onDrift(SchemaDrift drift);
}
