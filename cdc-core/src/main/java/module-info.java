/**
 * maxcdc core: the MariaDB MaxScale CDC protocol client, typed change events, JSON and Avro
 * decoding. Entry point: {@link io.github.maxcdc.CdcClient}.
 */
module io.github.maxcdc {
  requires transitive org.slf4j;
  requires com.fasterxml.jackson.core;
  requires org.apache.avro;

  exports io.github.maxcdc;
  exports io.github.maxcdc.event;
  exports io.github.maxcdc.position;
  exports io.github.maxcdc.spi;
  exports io.github.maxcdc.metrics;
  // the KafkaCDC source decodes the same JSON records as the CDC protocol's
  exports io.github.maxcdc.internal.decode to
      io.github.maxcdc.kafka;
  exports io.github.maxcdc.internal.decode.json to
      io.github.maxcdc.kafka;
}
