package io.github.maxcdc.testkit.internal.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreTest {

  @Test
  void servesOnlyPlainFileNamesInsideTheDirectory(@TempDir Path dir) throws IOException {
    Path served = Files.createDirectory(dir.resolve("served"));
    Files.writeString(dir.resolve("secret.avro"), "x");
    Files.writeString(served.resolve("a.b.000001.avro"), "x");
    DirectoryStore store = new DirectoryStore(served);
    assertTrue(store.exists("a.b.000001.avro"));
    assertFalse(store.exists("../secret.avro"));
    assertFalse(store.exists(".."));
    assertFalse(store.exists("a\0b"));
    assertTrue(store.open("../secret.avro").isEmpty());
    assertTrue(store.readAll("a.b.000001.avro").isPresent());
  }
}
