package dev.ticketmigration.changelog;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private MariaDB with a ROW binary log for a whole test class: started before the class's
 * tests, stopped after them. Register it as a static {@code @RegisterExtension} field.
 */
public final class PrivateMariaDbExtension implements BeforeAllCallback, AfterAllCallback {
  private PrivateMariaDb server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = PrivateMariaDb.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The running server. */
  public PrivateMariaDb get() {
    return server;
  }
}
