package gw.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that misbehaves on purpose, byte by byte, over a raw socket: whatever the current
 * {@link Script} writes (a cut stream, a reset, a character split across writes, a drip), no HTTP
 * library smoothing it. Keeps the headers of the last request it read. For upstream-fault tests.
 */
public final class FaultyProvider implements AutoCloseable {
  /** What one exchange does once the request is read: writes raw bytes, may stall or reset. */
  @FunctionalInterface
  public interface Script {
    void play(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-provider");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Script script = (s, out) -> {};
  private volatile Map<String, String> lastHeaders = Map.of();

  public FaultyProvider() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  public void script(Script next) {
    this.script = next;
  }

  public int requests() {
    return requests.get();
  }

  /** The last request's headers, names lower-cased. */
  public Map<String, String> lastHeaders() {
    return lastHeaders;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      Map<String, String> headers = readHead(in);
      if (headers == null) {
        return;
      }
      in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
      lastHeaders = headers;
      requests.incrementAndGet();
      OutputStream out = socket.getOutputStream();
      script.play(socket, out);
      out.flush();
    } catch (IOException | InterruptedException | RuntimeException gone) {
      // the gateway went away, or the script reset the connection: both are the point
    }
  }

  private static Map<String, String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] so = head.toByteArray();
      int n = so.length;
      if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = new String(so, StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon > 0) {
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
          }
        }
        return headers;
      }
    }
    return null;
  }

  /** A chunked 200 event-stream head. */
  public static byte[] streamHead() {
    return ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"
        + "connection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One HTTP chunk carrying {@code bytes}. */
  public static byte[] chunk(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(bytes);
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  public static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** A whole (non-stream) answer with this status, extra header lines and body. */
  public static byte[] whole(int status, String contentType, String extraHeaders, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    // One request per connection, said so: a pooled connection the provider has closed would make the
    // gateway's next try fail before reaching it, and the provider would count one try too few.
    return ("HTTP/1.1 " + status + " X\r\ncontent-type: " + contentType + "\r\n" + extraHeaders
        + "content-length: " + b.length + "\r\nconnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  /** An OpenAI chat.completion.chunk event (with its blank line) carrying {@code content}. */
  public static String event(String content, String finishReason) {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("id", "c1").put("object", "chat.completion.chunk").put("created", 1).put("model", "gpt-4o-mini");
    var choice = json.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("content", content);
    choice.put("finish_reason", finishReason);
    return "data: " + json + "\n\n";
  }

  /** Closes the connection with a TCP reset rather than a clean close. */
  public static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
