package io.billhook.api.it;

import io.billhook.api.testing.ApiClient;
import java.util.Map;

/** A dev server, a PostgreSQL and one Billhook api process (REST API + workers) using both. */
final class Stack implements AutoCloseable {
  final DevServer temporal;
  final Database db;
  final BillhookProcess app;

  private Stack(DevServer temporal, Database db, BillhookProcess app) {
    this.temporal = temporal;
    this.db = db;
    this.app = app;
  }

  static Stack start(
      String name, boolean serverRegistersSearchAttributes, Map<String, String> env) {
    DevServer temporal = DevServer.start(name, serverRegistersSearchAttributes);
    Database db = Database.start();
    try {
      return new Stack(temporal, db, BillhookProcess.api(name, temporal, db, env).start());
    } catch (RuntimeException e) {
      db.close();
      temporal.close();
      throw e;
    }
  }

  ApiClient api() {
    return app.client();
  }

  @Override
  public void close() {
    app.close();
    db.close();
    temporal.close();
  }
}
