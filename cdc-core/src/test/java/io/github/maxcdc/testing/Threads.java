package io.github.maxcdc.testing;

import java.util.List;
import java.util.stream.Collectors;

/** Finds live threads by name prefix. */
public final class Threads {
  private Threads() {}

  /** Names of live threads whose name starts with {@code prefix}. */
  public static List<String> alive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .collect(Collectors.toList());
  }
}
