/**
 * A fake MariaDB MaxScale CDC server for tests, faithful to MaxScale 24.02.3. See {@link
 * io.github.maxcdc.testkit.FakeMaxScale}.
 */
module io.github.maxcdc.testkit {
  requires org.apache.avro;
  requires com.fasterxml.jackson.core;
  requires transitive org.slf4j;

  exports io.github.maxcdc.testkit;
}
