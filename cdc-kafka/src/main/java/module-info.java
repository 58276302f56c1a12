/**
 * maxcdc Kafka: MariaDB MaxScale's KafkaCDC topics as a {@link io.github.maxcdc.spi.ChangeSource}.
 * Entry point: {@link io.github.maxcdc.kafka.KafkaCdcSource}.
 */
module io.github.maxcdc.kafka {
  requires transitive io.github.maxcdc;
  requires kafka.clients;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports io.github.maxcdc.kafka;
}
