package io.github.maxcdc.jdbc.internal.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which MariaDB server a connection reaches: host name, port and data directory, as the server
 * itself reports them. Two connections with equal identities reach the same server, whatever their
 * URLs say (a host alias, a proxy, 127.0.0.1 against localhost).
 *
 * @param hostname {@code @@hostname}
 * @param port {@code @@port}
 * @param datadir {@code @@datadir}
 */
public record ServerIdentity(String hostname, long port, String datadir) {

  /** The identity of the server {@code connection} reaches. */
  public static ServerIdentity of(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@hostname, @@port, @@datadir")) {
      rs.next();
      return new ServerIdentity(rs.getString(1), rs.getLong(2), rs.getString(3));
    }
  }

  @Override
  public String toString() {
    return hostname + ":" + port + " (" + datadir + ")";
  }
}
