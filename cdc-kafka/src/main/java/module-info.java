/**
 * maxcdc Kafka: MariaDB MaxScale's KafkaCDC topics as a {@link io.github.maxcdc.spi.ChangeSource},
 * and an exactly-once publisher of change events to keyed topics. Entry points: {@link
 * io.github.maxcdc.kafka.KafkaCdcSource}, {@link io.github.maxcdc.kafka.KafkaPublisher}.
 */
module io.github.maxcdc.kafka {
  requires transitive io.github.maxcdc;
  requires io.github.maxcdc.archive;
  requires kafka.clients;
  requires java.sql;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.maxcdc.kafka;
}
