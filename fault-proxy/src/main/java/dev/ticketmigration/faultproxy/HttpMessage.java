package dev.ticketmigration.faultproxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request or response as the fault proxy handles it: the start line, the header
 * fields in their original order and spelling, and the whole body (de-chunked). Written back
 * unchanged apart from framing: a chunked body is sent with a Content-Length instead.
 */
final class HttpMessage {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256;
  private static final int MAX_BODY = 64 * 1024 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};

  /** EOF before the first byte of a message: the peer closed an idle connection. */
  static final class NoMessageException extends EOFException {
    private static final long serialVersionUID = 1L;

    NoMessageException() {
      super("connection closed before a message");
    }
  }

  private final String startLine;
  private final List<String[]> headers;
  private byte[] body;
  /** A response whose body ran to the end of the connection. */
  private boolean closeDelimited;

  HttpMessage(String startLine, List<String[]> headers, byte[] body) {
    this.startLine = startLine;
    this.headers = headers;
    this.body = body;
  }

  /** A response with the given status, JSON body and DynamoDB's usual headers. */
  static HttpMessage jsonResponse(int status, byte[] body, String requestId) {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"x-amzn-RequestId", requestId});
    headers.add(new String[] {"x-amz-crc32", Long.toString(crc32(body))});
    headers.add(new String[] {"Content-Type", "application/x-amz-json-1.0"});
    headers.add(new String[] {"Content-Length", Integer.toString(body.length)});
    return new HttpMessage("HTTP/1.1 " + status + " " + reason(status), headers, body);
  }

  /**
   * Reads one request; null when the connection ends cleanly before it. Answers {@code Expect:
   * 100-continue} itself on {@code interim} (and drops that header, the body being in hand).
   */
  static HttpMessage readRequest(InputStream in, OutputStream interim) throws IOException {
    String startLine;
    try {
      startLine = readLine(in, true);
    } catch (NoMessageException e) {
      return null;
    }
    if (startLine.isEmpty()) { // a stray CRLF between requests is allowed
      return readRequest(in, interim);
    }
    List<String[]> headers = readHeaders(in);
    HttpMessage request = new HttpMessage(startLine, headers, new byte[0]);
    String expect = request.header("Expect");
    if (expect != null && expect.trim().equalsIgnoreCase("100-continue")) {
      interim.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      interim.flush();
      request.removeHeader("Expect");
    }
    request.readBody(in, true);
    return request;
  }

  /** Reads one final response (interim 1xx responses are skipped). */
  static HttpMessage readResponse(InputStream in, boolean toHead) throws IOException {
    while (true) {
      String startLine = readLine(in, true);
      List<String[]> headers = readHeaders(in);
      HttpMessage response = new HttpMessage(startLine, headers, new byte[0]);
      int status = response.status();
      if (status >= 100 && status < 200) {
        continue;
      }
      if (toHead || status == 204 || status == 304) {
        return response;
      }
      response.readBody(in, false);
      return response;
    }
  }

  private void readBody(InputStream in, boolean request) throws IOException {
    String te = header("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
      removeHeader("Transfer-Encoding");
      setHeader("Content-Length", Integer.toString(body.length));
      return;
    }
    String cl = header("Content-Length");
    if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length " + cl);
      }
      if (length < 0 || length > MAX_BODY) {
        throw new IOException("unsupported Content-Length " + cl);
      }
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
      }
    } else if (!request) {
      body = readToEnd(in);
      closeDelimited = true;
    }
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, false);
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size " + sizeLine);
      }
      if (size == 0) {
        while (!readLine(in, false).isEmpty()) {
          // trailer fields are dropped
        }
        return out.toByteArray();
      }
      if (size < 0 || out.size() + (long) size > MAX_BODY) {
        throw new IOException("chunked body too large");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunk ended early");
      }
      out.write(chunk);
      readLine(in, false); // CRLF after the chunk
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + (long) n > MAX_BODY) {
        throw new IOException("body too large");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static List<String[]> readHeaders(InputStream in) throws IOException {
    List<String[]> headers = new ArrayList<>();
    while (true) {
      String line = readLine(in, false);
      if (line.isEmpty()) {
        return headers;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
        String[] last = headers.get(headers.size() - 1); // obsolete line folding
        last[1] = last[1] + " " + line.trim();
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad header line: " + line);
      }
      if (headers.size() >= MAX_HEADERS) {
        throw new IOException("too many header fields");
      }
      headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
    }
  }

  /** Reads a line ending in LF (CR dropped), as ISO-8859-1. */
  private static String readLine(InputStream in, boolean first) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (first && line.length() == 0) {
          throw new NoMessageException();
        }
        throw new EOFException("connection closed inside a message");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("line too long");
      }
      line.append((char) b);
    }
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(startLine.getBytes(StandardCharsets.ISO_8859_1));
    out.write(CRLF);
    for (String[] h : headers) {
      out.write((h[0] + ": " + h[1]).getBytes(StandardCharsets.ISO_8859_1));
      out.write(CRLF);
    }
    out.write(CRLF);
    out.write(body);
  }

  /** A copy with another body (and Content-Length); all other header fields unchanged. */
  HttpMessage withBody(byte[] newBody) {
    List<String[]> copy = new ArrayList<>();
    for (String[] h : headers) {
      copy.add(new String[] {h[0], h[1]});
    }
    HttpMessage m = new HttpMessage(startLine, copy, newBody);
    m.removeHeader("Transfer-Encoding");
    m.setHeader("Content-Length", Integer.toString(newBody.length));
    return m;
  }

  String header(String name) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }

  void setHeader(String name, String value) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        h[1] = value;
        headers.removeIf(other -> other != h && other[0].equalsIgnoreCase(name));
        return;
      }
    }
    headers.add(new String[] {name, value});
  }

  void removeHeader(String name) {
    headers.removeIf(h -> h[0].equalsIgnoreCase(name));
  }

  byte[] body() {
    return body;
  }

  String method() {
    int space = startLine.indexOf(' ');
    return space < 0 ? startLine : startLine.substring(0, space);
  }

  /** The status of a response. */
  int status() throws IOException {
    String[] parts = startLine.split(" ", 3);
    try {
      return Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      throw new IOException("bad status line: " + startLine);
    }
  }

  /** Whether the connection may carry another message after this one. */
  boolean keepAlive() {
    if (closeDelimited) {
      return false;
    }
    String connection = header("Connection");
    String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
    boolean http10 =
        startLine.startsWith("HTTP/1.0") || startLine.endsWith(" HTTP/1.0");
    if (http10) {
      return tokens.contains("keep-alive");
    }
    return !tokens.contains("close");
  }

  static long crc32(byte[] bytes) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }
}
