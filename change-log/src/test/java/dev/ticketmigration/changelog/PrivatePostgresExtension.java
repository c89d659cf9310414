package dev.ticketmigration.changelog;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private PostgreSQL with a logical change log for a whole test class: started before the
 * class's tests, stopped after them. Register it as a static {@code @RegisterExtension} field.
 */
public final class PrivatePostgresExtension implements BeforeAllCallback, AfterAllCallback {
  private PrivatePostgres server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = PrivatePostgres.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The running server. */
  public PrivatePostgres get() {
    return server;
  }
}
