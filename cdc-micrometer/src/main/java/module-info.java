/** Publishes the metrics of maxcdc clients and sinks to a Micrometer registry. */
module io.github.maxcdc.micrometer {
  requires transitive io.github.maxcdc;
  requires transitive micrometer.core;

  exports io.github.maxcdc.micrometer;
}
