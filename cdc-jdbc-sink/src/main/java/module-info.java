/**
 * maxcdc JDBC sink: applies a MaxScale change stream to a MariaDB table exactly once. Entry point:
 * {@link io.github.maxcdc.jdbc.JdbcSink}.
 */
module io.github.maxcdc.jdbc {
  requires transitive io.github.maxcdc;
  requires transitive java.sql;
  requires org.slf4j;
  // the driver JdbcSink.Builder.jdbcUrl(...) connects with, found by DriverManager
  requires org.mariadb.jdbc;

  exports io.github.maxcdc.jdbc;
}
