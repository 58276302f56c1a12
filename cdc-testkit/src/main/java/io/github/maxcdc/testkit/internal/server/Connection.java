package io.github.maxcdc.testkit.internal.server;

import io.github.maxcdc.testkit.internal.session.ConnectionHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client connection with two daemon threads: a reader that turns each socket read into
 * one message (MaxScale has no framing: whatever one read returns is one command), and a session
 * thread that runs the {@link ConnectionHandler} for messages and wake-ups, one at a time, in
 * order. Both report to the connection's {@link ConnectionActivity}, which tells when it is quiet.
 */
final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int QUEUE_CAPACITY = 1024;
  private static final int READ_BUFFER = 64 * 1024;
  private static final Object WAKE_UP = new Object();
  private static final Object END = new Object();

  private final int number;
  private final Socket socket;
  private final FaultingOutput out;
  private final ConnectionActivity activity;
  private final ConnectionHandler handler;
  private final MessageLog log;
  private final Runnable onFinished;
  private final String label;
  // Hand-off from the reader and the server to the session thread: byte[] messages, WAKE_UP, END.
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread reader;
  private final Thread session;
  // Session thread only:
  private int messageIndex;

  Connection(
      int number,
      Socket socket,
      FaultingOutput out,
      ConnectionActivity activity,
      ConnectionHandler handler,
      MessageLog log,
      String label,
      Runnable onFinished) {
    this.number = number;
    this.socket = socket;
    this.out = out;
    this.activity = activity;
    this.handler = handler;
    this.log = log;
    this.label = label;
    this.onFinished = onFinished;
    this.reader = daemon(this::readLoop, label + "-reader");
    this.session = daemon(this::sessionLoop, label + "-session");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The client's port: tells this connection from the others of the server. */
  int clientPort() {
    return socket.getPort();
  }

  ConnectionActivity activity() {
    return activity;
  }

  void start() {
    session.start();
    reader.start();
  }

  /** Asks the session to check for new data; dropped if a backlog already exists. */
  void wakeUp() {
    activity.queuing();
    if (!events.offer(WAKE_UP)) {
      activity.notQueued();
    }
  }

  /** Closes the socket; both threads then end. */
  void close() {
    out.close();
    events.offer(END);
  }

  void join(long deadlineNanos) throws InterruptedException {
    for (Thread t : new Thread[] {reader, session}) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void readLoop() {
    byte[] buf = new byte[READ_BUFFER];
    try (InputStream in = socket.getInputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(n);
        message.write(buf, 0, n);
        while (in.available() > 0 && (n = in.read(buf)) > 0) {
          message.write(buf, 0, n);
        }
        activity.queuing();
        events.put(message.toByteArray());
        activity.received(message.size());
      }
    } catch (IOException e) {
      LOG.debug("{}: read ended: {}", label, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // The client hung up: MaxScale closes the session (this also ends a stall in progress).
      out.close();
      // END must get through even when the queue is full of messages.
      while (!events.offer(END)) {
        events.poll();
      }
    }
  }

  private void sessionLoop() {
    try {
      handler.onOpen();
      activity.opened();
      Object event;
      while ((event = events.take()) != END && !out.isClosed()) {
        if (event == WAKE_UP) {
          handler.onWakeUp();
        } else {
          byte[] message = (byte[]) event;
          log.add(
              new ReceivedMessage(
                  number, messageIndex++, handler.nextMessageKind(), message, Instant.now()));
          handler.onMessage(message);
        }
        activity.handled();
      }
    } catch (IOException e) {
      LOG.debug("{}: session ended: {}", label, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("{}: session failed", label, e);
    } finally {
      out.close();
      handler.onClosed();
      activity.ended();
      onFinished.run();
    }
  }

  @Override
  public String toString() {
    return label + Arrays.asList(socket.getRemoteSocketAddress());
  }
}
