/**
 * maxcdc Kafka: MariaDB MaxScale's KafkaCDC topics as a {@link io.github.maxcdc.spi.ChangeSource},
 * and the encoding of the keyed topics maxcdc publishes. Entry point: {@link
 * io.github.maxcdc.kafka.KafkaCdcSource}.
 */
module io.github.maxcdc.kafka {
  requires transitive io.github.maxcdc;
  requires io.github.maxcdc.archive;
  requires kafka.clients;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.maxcdc.kafka;
}
