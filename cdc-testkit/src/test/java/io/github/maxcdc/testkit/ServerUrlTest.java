package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:mariadb://localhost:3306/?user=root&password=pw | jdbc:mariadb://localhost:3306/dw?user=root&password=pw",
        "jdbc:mariadb://localhost:3306/test?user=root | jdbc:mariadb://localhost:3306/dw?user=root",
        "jdbc:mariadb://localhost:3306?user=root | jdbc:mariadb://localhost:3306/dw?user=root",
        "jdbc:mariadb://db.example/test | jdbc:mariadb://db.example/dw",
        "jdbc:mariadb://db.example | jdbc:mariadb://db.example/dw",
        "jdbc:mariadb://h?serverSslCert=certs/ca.pem | jdbc:mariadb://h/dw?serverSslCert=certs/ca.pem",
        "jdbc:mariadb://h/x?serverSslCert=certs/ca.pem | jdbc:mariadb://h/dw?serverSslCert=certs/ca.pem",
        "jdbc:mariadb:replication://a:3306,b:3306/app?user=u | jdbc:mariadb:replication://a:3306,b:3306/dw?user=u",
        "jdbc:mariadb://[::1]:3306/?user=root | jdbc:mariadb://[::1]:3306/dw?user=root",
      })
  void theDatabaseOfTheUrlIsReplacedAndItsParametersKept(String server, String expected) {
    assertEquals(expected, ServerUrl.parse(server, "url").withDatabase("dw"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:mariadb://localhost:3306/test?user=root",
        "jdbc:mariadb://localhost:3306?user=root",
      })
  void noDatabaseIsAnEmptyPath(String server) {
    assertEquals(
        "jdbc:mariadb://localhost:3306/?user=root",
        ServerUrl.parse(server, "url").withDatabase(""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mariadb://localhost:3306/?user=root&password=s3cret",
        "jdbc:mariadb:localhost?user=root&password=s3cret",
        "jdbc:mariadb:localhost?password=s3cret&next=jdbc://x",
        "localhost:3306",
        "",
        "jdbc:mariadb:h?user=root:s3cret@x",
        "root:s3cret@h:3306",
      })
  void aUrlThatIsNotAJdbcUrlIsRefusedWithoutItsSecrets(String url) {
    String message = refusal(url, "MAXCDC_TEST_JDBC_URL");
    assertTrue(message.startsWith("MAXCDC_TEST_JDBC_URL must be a JDBC URL such as "), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mariadb:///?user=root&password=s3cret", "jdbc:mariadb://"})
  void aUrlWithoutHostIsRefused(String url) {
    String message = refusal(url, "url");
    assertTrue(message.startsWith("url names no host: jdbc:mariadb://"), message);
  }

  // the message of the refusal of url, which must not show its password
  static String refusal(String url, String what) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse(url, what));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:mariadb://h:3306/app?user=root&password=s3cret",
        "jdbc:mariadb://root:s3cret@h:3306/app",
        "jdbc:mariadb://root:s3cret@h:3306?password=s3cret",
      })
  void itsTextShowsTheServerOnly(String url) {
    assertEquals("jdbc:mariadb://h:3306/", ServerUrl.parse(url, "url").toString());
  }
}
