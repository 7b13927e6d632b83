package io.billhook.api.it;

import io.billhook.api.testing.ApiClient;
import io.billhook.testkit.Closer;
import io.billhook.testkit.Database;
import io.billhook.testkit.DevServer;
import java.util.Map;

/** A dev server, a PostgreSQL and one Billhook api process (REST API + workers) using both. */
final class Stack implements AutoCloseable {
  final DevServer temporal;
  final Database db;
  final BillhookProcess app;
  private final Closer closer;

  private Stack(Closer closer, DevServer temporal, Database db, BillhookProcess app) {
    this.closer = closer;
    this.temporal = temporal;
    this.db = db;
    this.app = app;
  }

  static Stack start(
      String name, boolean serverRegistersSearchAttributes, Map<String, String> env) {
    Closer closer = new Closer();
    try {
      DevServer temporal =
          closer.add(ItEnvironment.devServer(name, serverRegistersSearchAttributes));
      Database db = closer.add(Database.start());
      // The console links a run to its page in this dev server's UI.
      Map<String, String> all = new java.util.HashMap<>(env);
      all.putIfAbsent("BILLHOOK_TEMPORAL_UI_URL", temporal.uiUrl());
      BillhookProcess app = closer.add(BillhookProcess.api(name, temporal, db, all));
      return new Stack(closer, temporal, db, app.start());
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  ApiClient api() {
    return app.client();
  }

  @Override
  public void close() {
    closer.close();
  }
}
