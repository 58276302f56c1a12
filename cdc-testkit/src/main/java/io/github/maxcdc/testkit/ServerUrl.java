package io.github.maxcdc.testkit;

import java.util.Objects;

/**
 * The JDBC URL of an external server, {@code jdbc:mariadb://host:port[/database][?parameters]},
 * made into the URL of any of its databases by replacing its database. Its parameters may hold a
 * password: {@link #toString()} and the error messages leave them out. Immutable.
 */
final class ServerUrl {
  static final String EXAMPLE = "jdbc:mariadb://localhost:3306/?user=root&password=secret";

  private final String server; // jdbc:mariadb://host:port, without the path
  private final String parameters; // "?..." or ""

  private ServerUrl(String server, String parameters) {
    this.server = server;
    this.parameters = parameters;
  }

  /**
   * Reads {@code url}, named {@code what} in the error messages.
   *
   * @throws IllegalArgumentException if it is not a JDBC URL with a host
   */
  static ServerUrl parse(String url, String what) {
    Objects.requireNonNull(url, what);
    int query = url.indexOf('?') < 0 ? url.length() : url.indexOf('?');
    int scheme = url.indexOf("://");
    if (!url.startsWith("jdbc:") || scheme < 0 || scheme > query) {
      throw new IllegalArgumentException(
          what + " must be a JDBC URL such as " + EXAMPLE + ", got " + withoutSecrets(url));
    }
    int authority = scheme + 3;
    int path = url.indexOf('/', authority);
    if (path < 0 || path > query) {
      path = query; // no database: jdbc:mariadb://host:3306?user=root
    }
    if (path == authority) {
      throw new IllegalArgumentException(
          what + " names no host: " + withoutSecrets(url) + "; expected e.g. " + EXAMPLE);
    }
    return new ServerUrl(url.substring(0, path), url.substring(query));
  }

  /** The URL of {@code database} (empty for none) on the server, with the same parameters. */
  String withDatabase(String database) {
    Objects.requireNonNull(database, "database");
    return server + "/" + database + parameters;
  }

  /** The server's URL without its parameters nor any user information: no password. */
  @Override
  public String toString() {
    return withoutSecrets(server + "/");
  }

  // the text before the parameters, without any user:password@ before the host
  private static String withoutSecrets(String url) {
    int query = url.indexOf('?');
    String text = query < 0 ? url : url.substring(0, query) + "?(parameters not shown)";
    int at = text.lastIndexOf('@', query < 0 ? text.length() : query);
    int scheme = text.indexOf("://");
    return at < 0
        ? text
        : text.substring(0, scheme < 0 || scheme > at ? 0 : scheme + 3) + text.substring(at + 1);
  }
}
