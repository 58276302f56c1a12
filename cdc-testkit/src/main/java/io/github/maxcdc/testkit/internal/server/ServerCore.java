package io.github.maxcdc.testkit.internal.server;

import io.github.maxcdc.testkit.internal.session.ConnectionHandler;
import io.github.maxcdc.testkit.internal.session.SessionOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket on 127.0.0.1, the accept loop and the set of live connections. Thread-safe.
 * {@link #close()} closes everything and joins every thread it started, with a bound.
 */
public final class ServerCore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCore.class);
  private static final Duration JOIN_BOUND = Duration.ofSeconds(5);

  /** Creates the protocol logic for a new connection. */
  @FunctionalInterface
  public interface HandlerFactory {
    /**
     * Creates a handler.
     *
     * @param out the connection's output
     * @param fault the fault planned for this connection
     * @param label a name for log messages
     * @return the handler
     */
    ConnectionHandler create(SessionOutput out, FaultPlan fault, String label);
  }

  private final ServerSocket serverSocket;
  private final HandlerFactory factory;
  private final String name;
  private final Thread acceptor;
  private final MessageLog messages = new MessageLog();
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private final List<Connection> all = new ArrayList<>(); // guarded by 'this'
  private final ConcurrentLinkedQueue<FaultPlan> queuedFaults = new ConcurrentLinkedQueue<>();
  private volatile FaultPlan defaultFault = FaultPlan.NONE;
  private volatile boolean closed;
  private int accepted; // guarded by 'this'

  /**
   * Binds and starts accepting.
   *
   * @param port port on 127.0.0.1, 0 for an ephemeral one
   * @param factory creates each connection's handler
   * @param name prefix of thread names
   * @throws UncheckedIOException if the port cannot be bound
   */
  public ServerCore(int port, HandlerFactory factory, String name) {
    this.factory = factory;
    try {
      serverSocket = new ServerSocket();
      serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    this.name = name + "-" + serverSocket.getLocalPort();
    acceptor = new Thread(this::acceptLoop, this.name + "-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Returns the bound port.
   *
   * @return port
   */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * Returns the received client messages.
   *
   * @return message log
   */
  public MessageLog messages() {
    return messages;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        startConnection(socket);
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("{}: accept failed", name, e);
        }
      }
    }
  }

  private void startConnection(Socket socket) throws IOException {
    FaultPlan fault = queuedFaults.poll();
    if (fault == null) {
      fault = defaultFault;
    }
    int number;
    synchronized (this) {
      number = ++accepted;
      notifyAll();
    }
    String label = name + "-conn-" + number;
    ConnectionActivity activity = new ConnectionActivity();
    FaultingOutput out = new FaultingOutput(socket, fault, activity, label);
    ConnectionHandler handler = factory.create(out, fault, label);
    Connection[] self = new Connection[1];
    Connection c =
        new Connection(
            number, socket, out, activity, handler, messages, label, () -> live.remove(self[0]));
    self[0] = c;
    synchronized (this) {
      all.add(c);
      notifyAll();
    }
    live.add(c);
    LOG.debug("{}: accepted connection {} (fault {})", name, number, fault.type());
    if (closed) {
      c.close();
    }
    c.start();
  }

  /**
   * Queues a fault for the next connection that has none.
   *
   * @param fault the fault
   */
  public void enqueueFault(FaultPlan fault) {
    queuedFaults.add(fault);
  }

  /**
   * Sets the fault of connections that find no queued fault.
   *
   * @param fault the fault, {@link FaultPlan#NONE} to clear
   */
  public void setDefaultFault(FaultPlan fault) {
    defaultFault = fault;
  }

  /** Wakes every connection: new data may be available. */
  public void wakeAll() {
    for (Connection c : live) {
      c.wakeUp();
    }
  }

  /** Closes every live connection; the server keeps accepting new ones. */
  public void dropAll() {
    for (Connection c : live) {
      c.close();
    }
  }

  /**
   * Returns the number of connections accepted so far.
   *
   * @return connection count
   */
  public synchronized int acceptedCount() {
    return accepted;
  }

  /**
   * Returns the number of connections currently open.
   *
   * @return open connection count
   */
  public int liveCount() {
    return live.size();
  }

  /**
   * Waits until at least {@code count} connections were accepted.
   *
   * @param count expected count
   * @param timeout how long to wait
   * @return true if reached, false on timeout or interruption (the interrupt flag is kept)
   */
  public synchronized boolean awaitAccepted(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return MonitorWait.until(this, deadline, () -> accepted >= count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until the session of the connection from the client port {@code clientPort} is quiet: it
   * has taken the first {@code clientBytes} bytes the client sent, handled them and every wake-up
   * queued before this call, and waits for new data; or it is stalled by a fault; or it has ended.
   * Wake-ups that come later (a directory scan) are the caller's to order.
   *
   * @param clientPort the client's local port
   * @param clientBytes how many bytes the client has sent
   * @param timeout how long to wait
   * @return the connection when it was quiet, or empty on timeout or interruption (the interrupt
   *     flag is kept)
   */
  public Optional<Quiet> awaitQuiet(int clientPort, long clientBytes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      Connection c = awaitConnection(clientPort, deadline);
      return c == null ? Optional.empty() : c.activity().awaitQuiet(clientBytes, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  // Waits for a connection from the client port; null if none came by the deadline.
  private synchronized Connection awaitConnection(int clientPort, long deadline)
      throws InterruptedException {
    return MonitorWait.until(this, deadline, () -> newest(clientPort) != null)
        ? newest(clientPort)
        : null;
  }

  // The newest connection from the client port (a port can be reused once closed), or null. The
  // caller holds this.
  private Connection newest(int clientPort) {
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).clientPort() == clientPort) {
        return all.get(i);
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the listening socket failed", name, e);
    }
    List<Connection> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(all);
    }
    snapshot.forEach(Connection::close);
    long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
    try {
      acceptor.join(JOIN_BOUND.toMillis());
      for (Connection c : snapshot) {
        c.join(deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.debug("{}: closed", name);
  }
}
